namespace ContactCenter.Crm.Csv;

/// <summary>A CSV file made in memory, ready to hand over as a download named <paramref name="FileName"/>.</summary>
public sealed record CsvDocument(string FileName, string Text);
