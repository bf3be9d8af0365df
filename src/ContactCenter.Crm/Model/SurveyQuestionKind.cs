namespace ContactCenter.Crm.Model;

/// <summary>How a survey question is answered.</summary>
public enum SurveyQuestionKind
{
    /// <summary><c>yes</c> or <c>no</c>.</summary>
    YesNo,

    /// <summary>One of the question's choices.</summary>
    Choice,

    /// <summary>Free text.</summary>
    Text,

    /// <summary>A whole number from 1 to 5.</summary>
    Scale,
}
