namespace ContactCenter.Crm.Feedback;

/// <summary>
/// Which department a complaint or wish goes to, by category (DOMAIN: "pass every complaint or wish at once to the
/// interested departments"). Keys are the categories staff may choose, values department codes; configuration adds
/// categories or changes where one goes (<c>Crm:Feedback:Categories:packaging=quality</c>).
/// </summary>
internal sealed class FeedbackOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Crm:Feedback";

    /// <summary>Category -> department code.</summary>
    public Dictionary<string, string> Categories { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["quality"] = "quality",
        ["service"] = "quality",
        ["delivery"] = "dispatch",
        ["price"] = "wholesale",
        ["assortment"] = "wholesale",
        ["documents"] = "finance",
        ["other"] = "quality",
    };
}
