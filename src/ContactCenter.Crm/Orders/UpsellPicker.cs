namespace ContactCenter.Crm.Orders;

/// <summary>
/// Chooses the products an operator offers beyond those ordered (DOMAIN: always point out new and traditional
/// products; never close an order without offering three or four more items).
/// </summary>
public static class UpsellPicker
{
    /// <summary>The most products suggested at once.</summary>
    public const int MaxSuggestions = 4;

    /// <summary>The fewest products an operator must offer before accepting an order.</summary>
    public const int MinOffers = 3;

    /// <summary>
    /// New and traditional products taken in turn, then the best sellers of the client's type, then the rest of
    /// the catalog; each product once, none of <paramref name="excluded"/>, only those <paramref name="offerable"/>,
    /// at most <see cref="MaxSuggestions"/>.
    /// </summary>
    public static IReadOnlyList<Guid> Pick(IReadOnlyList<Guid> newProducts, IReadOnlyList<Guid> traditional,
        IReadOnlyList<Guid> bestSellers, IReadOnlyList<Guid> others, IReadOnlySet<Guid> excluded, Func<Guid, bool> offerable)
    {
        ArgumentNullException.ThrowIfNull(newProducts);
        ArgumentNullException.ThrowIfNull(traditional);
        ArgumentNullException.ThrowIfNull(bestSellers);
        ArgumentNullException.ThrowIfNull(others);
        ArgumentNullException.ThrowIfNull(excluded);
        ArgumentNullException.ThrowIfNull(offerable);
        var picked = new List<Guid>(MaxSuggestions);
        foreach (var id in Interleave(Candidates(newProducts), Candidates(traditional)).Concat(bestSellers).Concat(others))
        {
            if (picked.Count == MaxSuggestions)
            {
                break;
            }

            if (!excluded.Contains(id) && offerable(id) && !picked.Contains(id))
            {
                picked.Add(id);
            }
        }

        return picked;

        IEnumerable<Guid> Candidates(IReadOnlyList<Guid> ids) => ids.Where(id => !excluded.Contains(id) && offerable(id));
    }

    private static IEnumerable<Guid> Interleave(IEnumerable<Guid> first, IEnumerable<Guid> second)
    {
        using var a = first.GetEnumerator();
        using var b = second.GetEnumerator();
        bool hasA = a.MoveNext(), hasB = b.MoveNext();
        while (hasA || hasB)
        {
            if (hasA)
            {
                yield return a.Current;
                hasA = a.MoveNext();
            }

            if (hasB)
            {
                yield return b.Current;
                hasB = b.MoveNext();
            }
        }
    }
}
