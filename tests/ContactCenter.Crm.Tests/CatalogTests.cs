using ContactCenter.Crm.Api;
using ContactCenter.Crm.MasterData.Catalog;
using ContactCenter.Crm.MasterData.Import;
using ContactCenter.TestKit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Crm.Tests;

/// <summary>Products, price lists and prices kept by admins and imported (issue #18).</summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class CatalogTests(CrmDatabaseFixture fixture)
{
    private static readonly ProductRequest Empty = new(null, null, null, null, null, null, null);

    [Fact]
    public async Task Product_CreatedWithTypesAndCertificates_UpdatedByField_BadFieldsNamed()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);

        var created = await ProductAsync(demo, r => r.CreateAsync(Empty with
        {
            Sku = "YOG-1", Name = "Yoghurt, 150 g", Unit = "pcs", IsNew = true, TraditionalFor = ["retail", "key"],
            Certificates = [new CertificateRequest("RU-1", new DateOnly(2027, 6, 30), "https://docs.example/ru-1.pdf")],
        }, "admin", CancellationToken.None));
        var updated = await ProductAsync(demo, r => r.UpdateAsync("YOG-1", Empty with
        {
            Name = "Yoghurt, 160 g", TraditionalFor = ["retail"], Certificates = [new CertificateRequest("RU-2", new DateOnly(2028, 1, 1), null)],
        }, "admin", CancellationToken.None));
        var bad = await ProductAsync(demo, r => r.CreateAsync(Empty with
        {
            Sku = "MLK-32", Name = " ", Unit = "", TraditionalFor = ["wholesaler"],
            Certificates = [new CertificateRequest("X", null, null), new CertificateRequest("Y", new DateOnly(2027, 1, 1), "ftp://x")],
        }, "admin", CancellationToken.None));

        var product = created.Value!;
        Assert.Equal(("YOG-1", "pcs", true, true), (product.Sku, product.Unit, product.IsNew, product.IsActive));
        Assert.Equal(["key", "retail"], product.TraditionalFor);
        Assert.Equal([new CertificateDto("RU-1", new DateOnly(2027, 6, 30), "https://docs.example/ru-1.pdf")], product.Certificates);
        var changed = updated.Value!;
        Assert.Equal(("Yoghurt, 160 g", "pcs", true), (changed.Name, changed.Unit, changed.IsNew));
        Assert.Equal(["retail"], changed.TraditionalFor);
        Assert.Equal(["RU-2"], changed.Certificates.Select(c => c.Number));
        var errors = bad.Error!.Fields!;
        Assert.Equal(["certificates[0].validUntil", "certificates[1].documentUrl", "name", "traditionalFor", "unit"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, await demo.Provider.InScopeAsync(db => db.Audit.CountAsync(a => a.EntityType == "product" && a.EntityId == "YOG-1")));
    }

    [Fact]
    public async Task Product_TakenSku_Refused()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);

        var bad = await ProductAsync(demo, r => r.CreateAsync(Empty with { Sku = "MLK-32", Name = "Milk", Unit = "pcs" }, "admin", CancellationToken.None));

        Assert.Equal("The SKU MLK-32 belongs to another product.", bad.Error!.Fields!["sku"][0]);
    }

    [Fact]
    public async Task PriceList_CreatedWithColumns_PricesSetAndCleared_ColumnsNeverRemoved()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);

        var created = await demo.InScopeAsync<PriceListRecords, PriceListDto>(async r =>
            (await r.CreateAsync(new PriceListRequest("Spring", new DateOnly(2027, 3, 1), true, ["Base", "Key -5%"]), "admin", CancellationToken.None)).Value!);
        var set = await demo.InScopeAsync<PriceListRecords, Results<Ok<ProductPricesDto>, NotFound, ValidationProblem, ProblemHttpResult>>(async r =>
            DeskHttp.Ok(await r.SetPricesAsync(created.Id, "MLK-32", new ProductPricesRequest([90m, 85.555m]), "admin", CancellationToken.None)));
        var cleared = await demo.InScopeAsync<PriceListRecords, Results<Ok<ProductPricesDto>, NotFound, ValidationProblem, ProblemHttpResult>>(async r =>
            DeskHttp.Ok(await r.SetPricesAsync(created.Id, "MLK-32", new ProductPricesRequest([91m, null]), "admin", CancellationToken.None)));
        var badPrices = await demo.InScopeAsync<PriceListRecords, Results<Ok<ProductPricesDto>, NotFound, ValidationProblem, ProblemHttpResult>>(async r =>
            DeskHttp.Ok(await r.SetPricesAsync(created.Id, "MLK-32", new ProductPricesRequest([-1m, 1m, 2m]), "admin", CancellationToken.None)));
        var fewerColumns = await demo.InScopeAsync<PriceListRecords, Results<Ok<PriceListDto>, NotFound, ValidationProblem, ProblemHttpResult>>(async r =>
            DeskHttp.Ok(await r.UpdateAsync(created.Id, new PriceListRequest(null, null, null, ["Only"]), "admin", CancellationToken.None)));
        var lists = await demo.InScopeAsync<PriceListRecords, List<PriceListDto>>(r => r.ListAsync(CancellationToken.None));

        Assert.Equal(["Base", "Key -5%"], created.Columns);
        Assert.False(created.InForce);
        Assert.Equal([90m, 85.56m], Assert.IsType<Ok<ProductPricesDto>>(set.Result).Value!.Prices);
        Assert.Equal([91m, null], Assert.IsType<Ok<ProductPricesDto>>(cleared.Result).Value!.Prices);
        Assert.Equal(["prices", "prices[0]"], Assert.IsType<ValidationProblem>(badPrices.Result).ProblemDetails.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["columns"], Assert.IsType<ValidationProblem>(fewerColumns.Result).ProblemDetails.Errors.Keys);
        Assert.True(lists[0].InForce);
        Assert.Equal("Main price list", lists[0].Name);
    }

    [Fact]
    public async Task ProductAndPriceImport_BadRowsNamed_GoodApplied_ReimportChangesNothing()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        const string products = """
            sku;name;unit;isNew;traditionalFor;certificates
            YOG-1;Yoghurt, 150 g;pcs;yes;retail|key;RU-1@2027-06-30@https://docs.example/ru-1.pdf
            YOG-2;;pcs;maybe;wholesaler;
            MLK-32;Milk 3.2%, 1 l;pcs;no;retail;RU-9@2027-01-01
            """;
        const string prices = """
            priceList;sku;column;price
            Main price list;YOG-1;1;55,50
            Main price list;YOG-1;9;50
            Main price list;NOPE;1;10
            Main price list;MLK-32;1;90
            Main price list;YOG-1;1;56
            """;

        var checkedOnly = await ImportAsync<ProductRequest, ProductImport>(demo, ProductCsv.Read(new StringReader(products)), apply: false);
        var applied = await ImportAsync<ProductRequest, ProductImport>(demo, ProductCsv.Read(new StringReader(products)), apply: true);
        var again = await ImportAsync<ProductRequest, ProductImport>(demo, ProductCsv.Read(new StringReader(products)), apply: true);
        var priced = await ImportAsync<PriceImportRequest, PriceImport>(demo, PriceCsv.Read(new StringReader(prices)), apply: true);
        var pricedAgain = await ImportAsync<PriceImportRequest, PriceImport>(demo, PriceCsv.Read(new StringReader(prices)), apply: true);

        Assert.Equal((3, 2, false), (checkedOnly.Rows, checkedOnly.Valid, checkedOnly.Applied));
        Assert.Equal([(3, "isNew"), (3, "name"), (3, "traditionalFor")], checkedOnly.Problems.Select(p => (p.Line, p.Field)).Order());
        Assert.Equal((1, 1, 0), (applied.Created, applied.Updated, applied.Unchanged));
        Assert.Equal((0, 0, 2), (again.Created, again.Updated, again.Unchanged));
        Assert.Equal([(3, "column"), (4, "sku"), (6, "sku")], priced.Problems.Select(p => (p.Line, p.Field)).Order());
        Assert.Equal((1, 1, 0), (priced.Created, priced.Updated, priced.Unchanged));
        Assert.Equal((0, 0, 2), (pricedAgain.Created, pricedAgain.Updated, pricedAgain.Unchanged));
        var yoghurt = (await demo.InScopeAsync<ProductRecords, ProductRecordDto?>(r => r.GetAsync("YOG-1", CancellationToken.None)))!;
        Assert.Equal(["key", "retail"], yoghurt.TraditionalFor);
        Assert.Equal((true, 1), (yoghurt.IsNew, yoghurt.Certificates.Count));
        var milkId = await demo.ProductIdAsync("MLK-32");
        Assert.Equal(90m, await demo.Provider.InScopeAsync(db => db.ProductPrices.Where(p => p.ProductId == milkId && p.ColumnIndex == 1).Select(p => p.Price).SingleAsync()));
    }

    private static Task<ImportReport> ImportAsync<T, TImporter>(DemoScenario demo, ImportFile<T> file, bool apply)
        where TImporter : IImporter<T> =>
        demo.InScopeAsync<TImporter, ImportReport>(import => import.RunAsync(file, apply, "admin", ImportProgress.None, CancellationToken.None));

    private static Task<DeskResult<ProductRecordDto>> ProductAsync(DemoScenario demo, Func<ProductRecords, Task<DeskResult<ProductRecordDto>>> action) =>
        demo.InScopeAsync<ProductRecords, DeskResult<ProductRecordDto>>(action);
}
