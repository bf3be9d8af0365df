using ContactCenter.Crm.Model;

namespace ContactCenter.Crm.Promotions;

/// <summary>The rules of a promotion, field by field, and what it does to an order's lines.</summary>
public static class PromotionRules
{
    private const int MaxName = 200;
    private const int MaxDescription = 2000;
    private const decimal MaxBonusQuantity = 10_000m;

    /// <summary>
    /// Checks <paramref name="request"/> for <paramref name="promotion"/> and, when sound, applies it. <paramref name="products"/>
    /// are the products named by SKU (tracked by the caller's context), <paramref name="types"/> the client types by code.
    /// </summary>
    public static Dictionary<string, string[]> CheckAndApply(PromotionRequest request, Promotion promotion, bool isNew,
        IReadOnlyDictionary<string, Product> products, IReadOnlyDictionary<string, ClientType> types)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(promotion);
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(types);
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim();
        if ((isNew || request.Name is not null) && name is not { Length: > 0 and <= MaxName })
        {
            errors["name"] = [$"Give the promotion's name (1 to {MaxName} characters)."];
        }

        if (request.Description?.Trim().Length > MaxDescription)
        {
            errors["description"] = [$"At most {MaxDescription} characters."];
        }

        if (isNew && request.StartsOn is null)
        {
            errors["startsOn"] = ["Give the first day of the promotion."];
        }

        if (isNew && request.EndsOn is null)
        {
            errors["endsOn"] = ["Give the last day of the promotion."];
        }

        var startsOn = request.StartsOn ?? promotion.StartsOn;
        var endsOn = request.EndsOn ?? promotion.EndsOn;
        if (!errors.ContainsKey("startsOn") && !errors.ContainsKey("endsOn") && endsOn < startsOn)
        {
            errors["endsOn"] = [$"The last day ({endsOn:yyyy-MM-dd}) is before the first ({startsOn:yyyy-MM-dd})."];
        }

        // On a change, 0 takes the discount away.
        var discount = request.DiscountPercent is null ? promotion.DiscountPercent : request.DiscountPercent == 0 && !isNew ? null : request.DiscountPercent;
        if (discount is not null && (discount <= 0 || discount >= 100 || decimal.Round(discount.Value, 2) != discount))
        {
            errors["discountPercent"] = ["Give the discount in percent, above 0 and below 100, at most 2 decimals."];
        }

        // On a change, an empty SKU takes the bonus away.
        var bonus = promotion.BonusProduct;
        var bonusQuantity = request.BonusQuantity ?? promotion.BonusQuantity;
        if (request.BonusSku is not null)
        {
            bonus = null;
            var sku = request.BonusSku.Trim();
            if (sku.Length > 0 && !products.TryGetValue(sku, out bonus))
            {
                errors["bonusSku"] = [$"There is no product {sku}."];
            }
            else if (bonus is { IsActive: false })
            {
                errors["bonusSku"] = [$"{sku} is no longer sold."];
            }
        }

        if (bonus is not null || request.BonusSku is { Length: > 0 })
        {
            bonusQuantity ??= 1;
            if (bonusQuantity is <= 0 or > MaxBonusQuantity || decimal.Round(bonusQuantity.Value, 3) != bonusQuantity)
            {
                errors["bonusQuantity"] = [$"Give the bonus quantity: above 0, at most {MaxBonusQuantity:0}, at most 3 decimals."];
            }
        }
        else
        {
            bonusQuantity = null;
        }

        if (discount is null && bonus is null && !errors.ContainsKey("bonusSku") && !errors.ContainsKey("discountPercent"))
        {
            errors["discountPercent"] = ["Give a discount (discountPercent) or a bonus item (bonusSku), or both."];
        }

        var covered = Resolve(request.Products, products, "products", p => p.Sku, errors, sku => $"There is no product {sku}.");
        var forTypes = Resolve(request.ClientTypes, types, "clientTypes", t => t.Code, errors,
            code => $"'{code}' is not a client type: give codes of {string.Join(", ", types.Keys.Order(StringComparer.Ordinal))}.");
        if (errors.Count > 0)
        {
            return errors;
        }

        promotion.Name = name ?? promotion.Name;
        promotion.Description = request.Description is null ? promotion.Description : string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        promotion.StartsOn = startsOn;
        promotion.EndsOn = endsOn;
        promotion.DiscountPercent = discount;
        promotion.BonusProduct = bonus;
        promotion.BonusProductId = bonus?.Id;
        promotion.BonusQuantity = bonusQuantity;
        promotion.IsActive = request.IsActive ?? promotion.IsActive;
        Replace(promotion.Products, covered);
        Replace(promotion.ClientTypes, forTypes);
        return errors;
    }

    /// <summary>True when <paramref name="promotion"/> is active and <paramref name="today"/> is within its period.</summary>
    public static bool InForce(Promotion promotion, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(promotion);
        return promotion.IsActive && promotion.StartsOn <= today && today <= promotion.EndsOn;
    }

    /// <summary>True when <paramref name="promotion"/> is offered to clients of type <paramref name="clientTypeId"/>.</summary>
    public static bool OfferedTo(Promotion promotion, Guid clientTypeId)
    {
        ArgumentNullException.ThrowIfNull(promotion);
        return promotion.ClientTypes.Count == 0 || promotion.ClientTypes.Exists(t => t.Id == clientTypeId);
    }

    /// <summary>True when <paramref name="promotion"/> covers <paramref name="productId"/> (no products named: every product).</summary>
    public static bool Covers(Promotion promotion, Guid productId)
    {
        ArgumentNullException.ThrowIfNull(promotion);
        return promotion.Products.Count == 0 || promotion.Products.Exists(p => p.Id == productId);
    }

    private static List<T>? Resolve<T>(List<string>? keys, IReadOnlyDictionary<string, T> known, string field, Func<T, string> keyOf,
        Dictionary<string, string[]> errors, Func<string, string> unknown)
    {
        if (keys is null)
        {
            return null;
        }

        var found = new List<T>();
        var problems = new List<string>();
        foreach (var key in keys)
        {
            if (known.TryGetValue(key?.Trim() ?? "", out var value))
            {
                found.Add(value);
            }
            else
            {
                problems.Add(unknown(key ?? ""));
            }
        }

        if (problems.Count > 0)
        {
            errors[field] = [.. problems];
        }

        return [.. found.DistinctBy(keyOf)];
    }

    private static void Replace<T>(List<T> current, List<T>? given)
    {
        if (given is null)
        {
            return;
        }

        current.RemoveAll(c => !given.Contains(c));
        current.AddRange(given.Where(g => !current.Contains(g)));
    }
}
