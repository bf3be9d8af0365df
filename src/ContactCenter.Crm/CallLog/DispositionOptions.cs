namespace ContactCenter.Crm.CallLog;

/// <summary>
/// What an agent may record about a call just ended (the disposition picked in wrap-up). Keys are the codes the API
/// takes, values the labels the desktop shows; configuration adds codes, relabels one, or removes one with an empty
/// label (<c>Crm:Dispositions:Choices:survey-done=Survey done</c>, <c>Crm:Dispositions:Choices:no-sale=</c>).
/// </summary>
internal sealed class DispositionOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Crm:Dispositions";

    /// <summary>Longest note an agent may add to a disposition.</summary>
    public const int MaxNoteLength = Model.CallRecord.MaxDispositionNoteLength;

    /// <summary>Longest disposition code.</summary>
    public const int MaxCodeLength = Model.CallRecord.MaxDispositionLength;

    /// <summary>Code -> label; an empty label removes the code.</summary>
    public Dictionary<string, string> Choices { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["order-taken"] = "Order taken",
        ["information-given"] = "Information given",
        ["complaint"] = "Complaint",
        ["call-back"] = "Call back",
        ["wrong-number"] = "Wrong number",
        ["no-sale"] = "No sale",
    };

    /// <summary>The codes in force (those with a label), in configuration order.</summary>
    public IEnumerable<KeyValuePair<string, string>> InForce => Choices.Where(c => !string.IsNullOrWhiteSpace(c.Value));
}
