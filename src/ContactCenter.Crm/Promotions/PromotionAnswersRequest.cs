namespace ContactCenter.Crm.Promotions;

/// <summary>The promotions offered to the client during the call and the answer to each (replacing earlier answers).</summary>
public sealed record PromotionAnswersRequest(IReadOnlyList<PromotionAnswerRequest>? Offers);

/// <summary>One promotion offered, and whether the client took it.</summary>
public sealed record PromotionAnswerRequest(Guid? PromotionId, bool? Accepted);
