using System.Text;
using ContactCenter.Crm.Documents;
using ContactCenter.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ContactCenter.Crm.Tests;

/// <summary>Reference documents kept by admins and searched by operators (issue #18): fields, content types, size limit, audit.</summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class DocumentTests(CrmDatabaseFixture fixture)
{
    internal static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    [Fact]
    public async Task Document_CreatedUploadedAndFound_BadFieldsAndFilesNamed_Audited()
    {
        await using var demo = await DemoScenario.StartAsync(fixture, services =>
            services.AddSingleton(Options.Create(new DocumentOptions { MaxFileBytes = 2_048 })));

        var sheet = await LibraryAsync(demo, l => l.CreateAsync(new("Milk 3.2% product sheet", "product-sheet", "Shelf life 10 days at +2..+6 C.", "MLK-32", null),
            "admin", CancellationToken.None));
        var terms = await LibraryAsync(demo, l => l.CreateAsync(new("Delivery terms", "delivery-terms", "Moscow: next day, orders before 16:00.", null, null),
            "admin", CancellationToken.None));
        var bad = await LibraryAsync(demo, l => l.CreateAsync(new(" ", "brochure", null, "NOPE", null), "admin", CancellationToken.None));
        var id = sheet.Value!.Id;
        var uploaded = await LibraryAsync(demo, l => l.UploadAsync(id, "../../etc/milk sheet.exe", Pdf, "admin", CancellationToken.None));
        var program = await LibraryAsync(demo, l => l.UploadAsync(id, "x.pdf", new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03 }, "admin", CancellationToken.None));
        var tooBig = await LibraryAsync(demo, l => l.UploadAsync(id, "big.txt", Encoding.ASCII.GetBytes(new string('a', 2_049)), "admin", CancellationToken.None));
        var byProduct = await demo.InScopeAsync<ReferenceLibrary, List<ReferenceDocumentDto>>(l => l.SearchAsync("mlk-32", null, false, 10, CancellationToken.None));
        var byText = await demo.InScopeAsync<ReferenceLibrary, List<ReferenceDocumentDto>>(l => l.SearchAsync("16:00", null, false, 10, CancellationToken.None));
        var file = await demo.InScopeAsync<ReferenceLibrary, ReferenceFileDto?>(l => l.FileAsync(id, CancellationToken.None));

        Assert.Equal(["kind", "sku", "title"], bad.Error!.Fields!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("milk sheet.pdf", "application/pdf", (long?)Pdf.Length), (uploaded.Value!.FileName, uploaded.Value.ContentType, uploaded.Value.FileSize));
        Assert.Equal(["The file is not PDF, PNG, JPEG or UTF-8 plain text (judged by its content)."], program.Error!.Fields!["file"]);
        Assert.Equal(["The file is larger than 2048 bytes (Crm:Documents:MaxFileBytes)."], tooBig.Error!.Fields!["file"]);
        Assert.Equal(["Milk 3.2% product sheet"], byProduct.Select(d => d.Title));
        Assert.Equal([terms.Value!.Id], byText.Select(d => d.Id));
        Assert.Equal(Pdf, file!.Content);
        Assert.Equal(["create", "create", "upload"], await demo.Provider.InScopeAsync(db =>
            db.Audit.Where(a => a.EntityType == "reference-document").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync()));
    }

    [Fact]
    public async Task Document_Withdrawn_NotListedNorDownloadable()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var created = await LibraryAsync(demo, l => l.CreateAsync(new("Old certificate", "certificate", null, null, null), "admin", CancellationToken.None));
        await LibraryAsync(demo, l => l.UploadAsync(created.Value!.Id, "cert.pdf", Pdf, "admin", CancellationToken.None));

        await LibraryAsync(demo, l => l.UpdateAsync(created.Value!.Id, new(null, null, null, null, false), "admin", CancellationToken.None));

        Assert.Empty(await demo.InScopeAsync<ReferenceLibrary, List<ReferenceDocumentDto>>(l => l.SearchAsync("certificate", null, false, 10, CancellationToken.None)));
        Assert.Null(await demo.InScopeAsync<ReferenceLibrary, ReferenceFileDto?>(l => l.FileAsync(created.Value!.Id, CancellationToken.None)));
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, "image/png")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    [InlineData(new byte[] { 0x44, 0x61, 0x79, 0x0A }, "text/plain")]
    [InlineData(new byte[] { 0x44, 0x00, 0x79 }, null)]
    [InlineData(new byte[] { 0xC3, 0x28 }, null)]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14 }, null)]
    public void Detect_ByContent_TypeOrNull(byte[] content, string? expected) =>
        Assert.Equal(expected, DocumentFileTypes.Detect(content));

    internal static Task<DeskResult<ReferenceDocumentDto>> LibraryAsync(DemoScenario demo, Func<ReferenceLibrary, Task<DeskResult<ReferenceDocumentDto>>> action) =>
        demo.InScopeAsync(action);
}
