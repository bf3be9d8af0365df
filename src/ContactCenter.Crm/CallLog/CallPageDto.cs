namespace ContactCenter.Crm.CallLog;

/// <summary>One page of the call log, newest first.</summary>
internal sealed record CallPageDto(IReadOnlyList<CallListItemDto> Items, int Page, int PageSize, int TotalCount);
