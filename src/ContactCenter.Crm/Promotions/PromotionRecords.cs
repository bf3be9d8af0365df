using System.Globalization;
using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Promotions;

/// <summary>Promotions and discount programs kept by management (department heads and admins), audited.</summary>
public sealed class PromotionRecords(CrmDbContext db, Audit audit, TimeProvider time)
{
    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Every promotion (only those in force when <paramref name="inForce"/>), newest first.</summary>
    public async Task<List<PromotionDto>> ListAsync(bool inForce, CancellationToken cancellationToken)
    {
        var today = Today;
        var query = Loaded();
        if (inForce)
        {
            query = query.Where(p => p.IsActive && p.StartsOn <= today && p.EndsOn >= today);
        }

        var promotions = await query.OrderByDescending(p => p.StartsOn).ThenBy(p => p.Name).Take(500).ToListAsync(cancellationToken);
        return [.. promotions.Select(ToDto)];
    }

    /// <summary>The promotions in force today for clients of type <paramref name="clientTypeId"/>, by name: what the card shows.</summary>
    public async Task<List<PromotionDto>> ForClientTypeAsync(Guid clientTypeId, CancellationToken cancellationToken)
    {
        var today = Today;
        var promotions = await Loaded()
            .Where(p => p.IsActive && p.StartsOn <= today && p.EndsOn >= today)
            .Where(p => !p.ClientTypes.Any() || p.ClientTypes.Any(t => t.Id == clientTypeId))
            .OrderBy(p => p.Name).ToListAsync(cancellationToken);
        return [.. promotions.Select(ToDto)];
    }

    /// <summary>The promotion <paramref name="id"/>, or null.</summary>
    public async Task<PromotionDto?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await Loaded().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is { } promotion ? ToDto(promotion) : null;

    /// <summary>Adds a promotion; 400 naming each bad field.</summary>
    public Task<DeskResult<PromotionDto>> CreateAsync(PromotionRequest request, string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var promotion = new Promotion { Id = Guid.CreateVersion7(now), Name = "", CreatedAt = now, CreatedBy = userName };
        return SaveAsync(promotion, isNew: true, request, userName, cancellationToken);
    }

    /// <summary>Changes the fields given; 404 for an unknown promotion.</summary>
    public async Task<DeskResult<PromotionDto>> UpdateAsync(Guid id, PromotionRequest request, string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var promotion = await db.Promotions.AsSplitQuery().Include(p => p.Products).Include(p => p.ClientTypes).Include(p => p.BonusProduct)
            .SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return promotion is null ? DeskError.NotFound() : await SaveAsync(promotion, isNew: false, request, userName, cancellationToken);
    }

    /// <summary>The API's view of <paramref name="promotion"/> (products, types and bonus loaded).</summary>
    public PromotionDto ToDto(Promotion promotion)
    {
        ArgumentNullException.ThrowIfNull(promotion);
        return new PromotionDto(promotion.Id, promotion.Name, promotion.Description, promotion.StartsOn, promotion.EndsOn, promotion.DiscountPercent,
            promotion.BonusProduct?.Sku, promotion.BonusProduct?.Name, promotion.BonusQuantity,
            [.. promotion.Products.Select(p => p.Sku).Order(StringComparer.Ordinal)],
            [.. promotion.ClientTypes.Select(t => t.Code).Order(StringComparer.Ordinal)],
            promotion.IsActive, PromotionRules.InForce(promotion, Today));
    }

    private IQueryable<Promotion> Loaded() =>
        db.Promotions.AsNoTracking().AsSplitQuery().Include(p => p.Products).Include(p => p.ClientTypes).Include(p => p.BonusProduct);

    private async Task<DeskResult<PromotionDto>> SaveAsync(Promotion promotion, bool isNew, PromotionRequest request, string userName,
        CancellationToken cancellationToken)
    {
        var skus = (request.Products ?? []).Append(request.BonusSku).OfType<string>().Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToList();
        var products = await db.Products.Where(p => skus.Contains(p.Sku)).ToDictionaryAsync(p => p.Sku, StringComparer.Ordinal, cancellationToken);
        var types = await db.ClientTypes.ToDictionaryAsync(t => t.Code, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var errors = PromotionRules.CheckAndApply(request, promotion, isNew, products, types);
        if (errors.Count > 0)
        {
            return DeskError.Invalid(errors, "The promotion cannot be saved");
        }

        if (isNew)
        {
            db.Promotions.Add(promotion);
        }

        audit.Record(userName, isNew ? "create" : "update", "promotion", promotion.Id.ToString(), string.Create(CultureInfo.InvariantCulture,
            $"name={promotion.Name};period={promotion.StartsOn:yyyy-MM-dd}..{promotion.EndsOn:yyyy-MM-dd};discount={promotion.DiscountPercent};"
            + $"bonus={promotion.BonusProduct?.Sku}x{promotion.BonusQuantity};products={promotion.Products.Count};types={promotion.ClientTypes.Count};active={promotion.IsActive}"));
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(promotion);
    }
}
