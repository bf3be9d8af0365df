using ContactCenter.Crm.Model;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.MasterData.Catalog;

/// <summary>
/// Price lists and their columns (discount levels) kept by admins (issue #18), and each product's prices in a list. The
/// list in force is the active one valid from the latest date not after today (<see cref="Orders.PriceBook"/>).
/// </summary>
internal sealed class PriceListRecords(CrmDbContext db, Audit audit, TimeProvider time)
{
    public const int MaxColumns = 12;
    public const decimal MaxPrice = 1_000_000_000m;

    /// <summary>Every price list, the one in force first, then the newest.</summary>
    public async Task<List<PriceListDto>> ListAsync(CancellationToken cancellationToken)
    {
        var lists = await db.PriceLists.AsNoTracking().Include(l => l.Columns).OrderByDescending(l => l.ValidFrom).ThenBy(l => l.Name)
            .Select(l => new { List = l, Prices = l.Prices.Count }).ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var inForce = lists.FirstOrDefault(l => l.List.IsActive && l.List.ValidFrom <= today)?.List.Id;
        return [.. lists.Select(l => ToDto(l.List, l.List.Id == inForce, l.Prices)).OrderByDescending(l => l.InForce)];
    }

    /// <summary>Adds a price list; 400 naming each bad field.</summary>
    public async Task<DeskResult<PriceListDto>> CreateAsync(PriceListRequest request, string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var list = new PriceList { Id = Guid.CreateVersion7(time.GetUtcNow()), Name = "" };
        return await SaveAsync(list, isNew: true, request, userName, cancellationToken);
    }

    /// <summary>Changes the fields given; 404 for an unknown list.</summary>
    public async Task<DeskResult<PriceListDto>> UpdateAsync(Guid id, PriceListRequest request, string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var list = await db.PriceLists.Include(l => l.Columns).SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
        return list is null ? DeskError.NotFound() : await SaveAsync(list, isNew: false, request, userName, cancellationToken);
    }

    /// <summary>The products whose SKU or name contains <paramref name="search"/> with their prices in the list; null for an unknown list.</summary>
    public async Task<List<ProductPricesDto>?> PricesAsync(Guid id, string? search, int take, CancellationToken cancellationToken)
    {
        var columns = await db.PriceLists.AsNoTracking().Where(l => l.Id == id).Select(l => l.Columns.Count).Cast<int?>().SingleOrDefaultAsync(cancellationToken);
        if (columns is null)
        {
            return null;
        }

        var products = db.Products.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = $"%{ProductRecords.Like(search.Trim())}%";
            products = products.Where(p => EF.Functions.ILike(p.Sku, pattern, "\\") || EF.Functions.ILike(p.Name, pattern, "\\"));
        }

        var page = await products.OrderBy(p => p.Sku).Take(Math.Clamp(take, 1, 500)).Select(p => new { p.Id, p.Sku, p.Name, p.Unit }).ToListAsync(cancellationToken);
        var ids = page.Select(p => p.Id).ToList();
        var prices = await db.ProductPrices.AsNoTracking().Where(p => p.PriceListId == id && ids.Contains(p.ProductId)).ToListAsync(cancellationToken);
        return [.. page.Select(p => new ProductPricesDto(p.Sku, p.Name, p.Unit, [.. Enumerable.Range(1, columns.Value)
            .Select(c => prices.Find(x => x.ProductId == p.Id && x.ColumnIndex == c)?.Price)]))];
    }

    /// <summary>Sets one product's prices in the list, column 1 first; 404 for an unknown list or SKU, 400 naming each bad price.</summary>
    public async Task<DeskResult<ProductPricesDto>> SetPricesAsync(Guid id, string sku, ProductPricesRequest request, string userName,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var columns = await db.PriceLists.Where(l => l.Id == id).Select(l => l.Columns.Count).Cast<int?>().SingleOrDefaultAsync(cancellationToken);
        var product = await db.Products.SingleOrDefaultAsync(p => p.Sku == sku, cancellationToken);
        if (columns is null || product is null)
        {
            return DeskError.NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        if (request.Prices is null || request.Prices.Count > columns)
        {
            errors["prices"] = [$"Give up to {columns} prices, column 1 first (null for no price)."];
        }

        for (var i = 0; i < (request.Prices?.Count ?? 0); i++)
        {
            if (request.Prices![i] is < 0 or > MaxPrice)
            {
                errors[$"prices[{i}]"] = [$"A price is 0 to {MaxPrice:N0}."];
            }
        }

        if (errors.Count > 0)
        {
            return DeskError.Invalid(errors, "The prices cannot be saved");
        }

        var stored = await db.ProductPrices.Where(p => p.PriceListId == id && p.ProductId == product.Id).ToListAsync(cancellationToken);
        for (var column = 1; column <= request.Prices!.Count; column++)
        {
            var given = request.Prices[column - 1];
            var price = stored.Find(p => p.ColumnIndex == column);
            if (given is null && price is not null)
            {
                db.ProductPrices.Remove(price);
            }
            else if (given is { } value && price is null)
            {
                db.ProductPrices.Add(new ProductPrice { PriceListId = id, ProductId = product.Id, ColumnIndex = column, Price = decimal.Round(value, 2) });
            }
            else if (given is { } changed && price is not null)
            {
                price.Price = decimal.Round(changed, 2);
            }
        }

        audit.Record(userName, "update", "prices", $"{id}/{sku}", string.Join('|', request.Prices));
        await db.SaveChangesAsync(cancellationToken);
        return (await PricesAsync(id, sku, 500, cancellationToken))!.First(p => p.Sku == sku);
    }

    private async Task<DeskResult<PriceListDto>> SaveAsync(PriceList list, bool isNew, PriceListRequest request, string userName, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim();
        if ((isNew || request.Name is not null) && name is not { Length: > 0 and <= 200 })
        {
            errors["name"] = ["Give the price list's name (1 to 200 characters)."];
        }
        else if (name is not null && await db.PriceLists.AnyAsync(l => l.Name == name && l.Id != list.Id, cancellationToken))
        {
            errors["name"] = [$"A price list is called {name} already."];
        }

        if ((isNew && request.ValidFrom is null) || request.ValidFrom is { Year: < 2000 or > 2100 })
        {
            errors["validFrom"] = ["Give the date the list is valid from (yyyy-MM-dd)."];
        }

        var columns = request.Columns?.Select(c => c?.Trim() ?? "").ToList();
        if ((isNew || columns is not null) && (columns is not { Count: > 0 } || columns.Count > MaxColumns || columns.Exists(c => c.Length is 0 or > 100)))
        {
            errors["columns"] = [$"Give 1 to {MaxColumns} column names (1 to 100 characters each), column 1 first."];
        }
        else if (columns is not null && columns.Count < list.Columns.Count)
        {
            errors["columns"] = [$"The list has {list.Columns.Count} columns: rename or add columns, never remove one (clients buy at their column number)."];
        }

        if (errors.Count > 0)
        {
            return DeskError.Invalid(errors, "The price list cannot be saved");
        }

        list.Name = name ?? list.Name;
        list.ValidFrom = request.ValidFrom ?? list.ValidFrom;
        list.IsActive = request.IsActive ?? list.IsActive;
        for (var i = 0; i < (columns?.Count ?? 0); i++)
        {
            if (list.Columns.Find(c => c.Index == i + 1) is { } column)
            {
                column.Name = columns![i];
            }
            else
            {
                list.Columns.Add(new PriceListColumn { PriceListId = list.Id, Index = i + 1, Name = columns![i] });
            }
        }

        if (isNew)
        {
            db.PriceLists.Add(list);
        }

        audit.Record(userName, isNew ? "create" : "update", "price-list", list.Id.ToString(),
            $"name={list.Name};validFrom={list.ValidFrom:yyyy-MM-dd};active={list.IsActive};columns={list.Columns.Count}");
        await db.SaveChangesAsync(cancellationToken);
        return (await ListAsync(cancellationToken)).First(l => l.Id == list.Id);
    }

    private static PriceListDto ToDto(PriceList list, bool inForce, int prices) =>
        new(list.Id, list.Name, list.ValidFrom, list.IsActive, inForce, [.. list.Columns.OrderBy(c => c.Index).Select(c => c.Name)], prices);
}
