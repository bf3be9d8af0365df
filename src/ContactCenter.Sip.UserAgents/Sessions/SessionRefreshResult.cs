namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>
/// How one of our session refreshes was answered: a 2xx (with the terms it gives, null for none), or the final status of
/// a refusal (408 for a timeout; with the Min-SE of a 422), or nothing (not sent: a re-INVITE pending, the dialog gone).
/// </summary>
public readonly record struct SessionRefreshResult(bool Answered, SessionTerms? Terms, int? Status = null, int? MinSE = null);
