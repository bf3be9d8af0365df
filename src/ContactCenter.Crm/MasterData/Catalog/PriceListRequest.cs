namespace ContactCenter.Crm.MasterData.Catalog;

/// <summary>
/// A price list to add (name, valid from, column names in order: column 1 first) or change (fields given; columns can be
/// renamed or added, not removed - clients buy at their column number).
/// </summary>
public sealed record PriceListRequest(string? Name, DateOnly? ValidFrom, bool? IsActive, List<string>? Columns);

/// <summary>A price list as the console shows it: <c>inForce</c> marks the one orders are priced from today.</summary>
public sealed record PriceListDto(Guid Id, string Name, DateOnly ValidFrom, bool IsActive, bool InForce, IReadOnlyList<string> Columns, int Prices);

/// <summary>One product's prices in a list, column 1 first (null: no price in that column).</summary>
public sealed record ProductPricesDto(string Sku, string Name, string Unit, IReadOnlyList<decimal?> Prices);

/// <summary>A product's prices to set, column 1 first; null removes the price of that column.</summary>
public sealed record ProductPricesRequest(List<decimal?>? Prices);

/// <summary>A price as an import file gives it: the list's name, the product's SKU, the column number and the price.</summary>
public sealed record PriceImportRequest(string? PriceList, string? Sku, int? Column, decimal? Price);
