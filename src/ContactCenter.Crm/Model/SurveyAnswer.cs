namespace ContactCenter.Crm.Model;

/// <summary>A client's answer to one survey question, recorded by the operator on a call task.</summary>
public sealed class SurveyAnswer
{
    public Guid Id { get; set; }

    public Guid CallTaskId { get; set; }

    public Guid QuestionId { get; set; }

    /// <summary>The answer in its normal form: <c>yes</c>/<c>no</c>, the choice as listed, the text, or <c>1</c>-<c>5</c>.</summary>
    public required string Value { get; set; }
}
