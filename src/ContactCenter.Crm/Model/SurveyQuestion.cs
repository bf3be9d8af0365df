namespace ContactCenter.Crm.Model;

/// <summary>A question of a call list's survey.</summary>
public sealed class SurveyQuestion
{
    public Guid Id { get; set; }

    public Guid CallListId { get; set; }

    /// <summary>1-based number of the question in its list; answers name questions by it.</summary>
    public int Number { get; set; }

    public required string Text { get; set; }

    public SurveyQuestionKind Kind { get; set; }

    /// <summary>The allowed answers of a <see cref="SurveyQuestionKind.Choice"/> question.</summary>
    public List<string> Choices { get; set; } = [];
}
