using ContactCenter.Crm.Model;

namespace ContactCenter.Crm.MasterData.Catalog;

/// <summary>The rules of a product, field by field, shared by the admin console's API and the product import.</summary>
internal static class ProductRules
{
    public const int MaxSku = 64;
    public const int MaxCertificates = 20;

    /// <summary>
    /// Checks <paramref name="request"/> for <paramref name="product"/> and, when sound, applies it; <paramref name="types"/>
    /// are the client types (tracked by the caller's context) by code.
    /// </summary>
    public static Dictionary<string, string[]> CheckAndApply(ProductRequest request, Product product, bool isNew, IReadOnlyDictionary<string, ClientType> types)
    {
        var errors = new Dictionary<string, string[]>();
        var sku = request.Sku?.Trim();
        if ((isNew || request.Sku is not null) && (sku is not { Length: > 0 and <= MaxSku } || sku.Any(char.IsControl) || sku.Contains(' ', StringComparison.Ordinal)))
        {
            errors["sku"] = [$"Give the SKU (1 to {MaxSku} characters, no spaces)."];
        }

        var name = request.Name?.Trim();
        if ((isNew || request.Name is not null) && name is not { Length: > 0 and <= 400 })
        {
            errors["name"] = ["Give the product's name (1 to 400 characters)."];
        }

        var unit = request.Unit?.Trim();
        if ((isNew || request.Unit is not null) && unit is not { Length: > 0 and <= 16 })
        {
            errors["unit"] = ["Give the unit it is sold in (1 to 16 characters), e.g. kg or box."];
        }

        var traditional = new List<ClientType>();
        foreach (var code in request.TraditionalFor ?? [])
        {
            if (types.TryGetValue(code?.Trim() ?? "", out var type))
            {
                traditional.Add(type);
            }
            else
            {
                errors["traditionalFor"] = [$"'{code}' is not a client type: give codes of {string.Join(", ", types.Keys.Order(StringComparer.Ordinal))}."];
            }
        }

        var certificates = Certificates(request.Certificates, errors);
        if (errors.Count > 0)
        {
            return errors;
        }

        product.Sku = sku ?? product.Sku;
        product.Name = name ?? product.Name;
        product.Unit = unit ?? product.Unit;
        product.IsNew = request.IsNew ?? product.IsNew;
        product.IsActive = request.IsActive ?? product.IsActive;
        if (request.TraditionalFor is not null)
        {
            product.TraditionalFor.RemoveAll(t => !traditional.Contains(t));
            product.TraditionalFor.AddRange(traditional.Distinct().Where(t => !product.TraditionalFor.Contains(t)));
        }

        if (certificates is not null)
        {
            product.Certificates.RemoveAll(c => !certificates.Exists(n => n.Number == c.Number));
            foreach (var given in certificates)
            {
                var kept = product.Certificates.Find(c => c.Number == given.Number);
                if (kept is null)
                {
                    // The key is made by EF on add: a new row.
                    product.Certificates.Add(new ProductCertificate
                    {
                        ProductId = product.Id, Number = given.Number, ValidUntil = given.ValidUntil, DocumentUrl = given.DocumentUrl,
                    });
                }
                else
                {
                    (kept.ValidUntil, kept.DocumentUrl) = (given.ValidUntil, given.DocumentUrl);
                }
            }
        }

        return errors;
    }

    /// <summary>The product as the console shows it.</summary>
    public static ProductRecordDto ToDto(Product p) => new(p.Id, p.Sku, p.Name, p.Unit, p.IsNew, p.IsActive,
        [.. p.TraditionalFor.Select(t => t.Code).Order(StringComparer.Ordinal)],
        [.. p.Certificates.OrderBy(c => c.Number, StringComparer.Ordinal).Select(c => new CertificateDto(c.Number, c.ValidUntil, c.DocumentUrl))]);

    private static List<CertificateDto>? Certificates(List<CertificateRequest>? given, Dictionary<string, string[]> errors)
    {
        if (given is null)
        {
            return null;
        }

        if (given.Count > MaxCertificates)
        {
            errors["certificates"] = [$"A product has at most {MaxCertificates} certificates."];
            return null;
        }

        var result = new List<CertificateDto>();
        for (var i = 0; i < given.Count; i++)
        {
            var number = given[i]?.Number?.Trim();
            var url = given[i]?.DocumentUrl?.Trim();
            if (number is not { Length: > 0 and <= 64 } || result.Exists(c => c.Number == number))
            {
                errors[$"certificates[{i}].number"] = ["Give the certificate's number (1 to 64 characters, once per product)."];
            }
            else if (given[i]!.ValidUntil is not { Year: >= 2000 and <= 2100 } until)
            {
                errors[$"certificates[{i}].validUntil"] = ["Give the date the certificate is valid until (yyyy-MM-dd)."];
            }
            else if (!string.IsNullOrEmpty(url) && (url.Length > 400 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
            {
                errors[$"certificates[{i}].documentUrl"] = ["Give the document's address as an http(s) link of at most 400 characters."];
            }
            else
            {
                result.Add(new CertificateDto(number, until, string.IsNullOrEmpty(url) ? null : url));
            }
        }

        return result;
    }
}
