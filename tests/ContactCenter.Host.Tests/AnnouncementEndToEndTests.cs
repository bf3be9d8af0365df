using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ContactCenter.Media.Audio;
using ContactCenter.TestKit;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Host.Tests;

/// <summary><c>/api/announcements</c> on the real host: list, play, replace (admins only), with clear refusals for bad uploads.</summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class AnnouncementEndToEndTests(CrmDatabaseFixture fixture) : IDisposable
{
    private readonly string _folder = AnnouncementFolder.Copy();

    [Fact]
    public async Task Announcement_AdminUploadsWav_ListedPlayableAndAudited()
    {
        var database = await fixture.NewDatabaseAsync();
        await using var host = await HostProcess.StartAsync(database, [$"--Sip:Announcements:Directory={_folder}"]);
        using var admin = host.CreateClient("admin", "admin-demo");
        var before = await admin.GetFromJsonAsync<JsonElement>("api/announcements");

        using var put = await admin.PutAsync(new Uri("api/announcements/greeting", UriKind.Relative), Wav(TimeSpan.FromSeconds(2)));
        var stored = await put.Content.ReadFromJsonAsync<JsonElement>();
        using var audio = await admin.GetAsync(new Uri("api/announcements/greeting/audio", UriKind.Relative));
        var bytes = await audio.Content.ReadAsByteArrayAsync();

        Assert.Contains(before.EnumerateArray(), a => a.GetProperty("name").GetString() == "greeting" && a.GetProperty("configured").GetBoolean());
        Assert.Contains(before.EnumerateArray(), a => a.GetProperty("name").GetString() == "number-3" && !a.GetProperty("configured").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("00:00:02", stored.GetProperty("duration").GetString());
        Assert.Equal("audio/wav", audio.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new FileInfo(Path.Combine(_folder, "greeting.wav")).Length, bytes.Length);
        Assert.Equal("RIFF"u8.ToArray(), bytes[..4]);
        await using var db = CrmDatabaseFixture.CreateContext(database);
        Assert.True(await db.Audit.AnyAsync(a => a.UserName == "admin" && a.Action == "replace" && a.EntityType == "announcement" && a.EntityId == "greeting"));
    }

    [Fact]
    public async Task Announcement_BadUploads_ClearRefusalsAndTheFileStays()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync(),
            [$"--Sip:Announcements:Directory={_folder}", "--Sip:Announcements:MaxUploadBytes=40000"]);
        using var admin = host.CreateClient("admin", "admin-demo");
        using var operator1 = host.CreateClient("1001", "pw1001");
        var original = await File.ReadAllBytesAsync(Path.Combine(_folder, "greeting.wav"));

        using var notWav = await admin.PutAsync(new Uri("api/announcements/greeting", UriKind.Relative), new ByteArrayContent("hello"u8.ToArray()));
        using var badName = await admin.PutAsync(new Uri("api/announcements/Greeting..", UriKind.Relative), Wav(TimeSpan.FromSeconds(1)));
        using var tooBig = await admin.PutAsync(new Uri("api/announcements/greeting", UriKind.Relative), Wav(TimeSpan.FromSeconds(3)));
        using var empty = await admin.PutAsync(new Uri("api/announcements/greeting", UriKind.Relative), new ByteArrayContent([]));
        using var notAdmin = await operator1.PutAsync(new Uri("api/announcements/greeting", UriKind.Relative), Wav(TimeSpan.FromSeconds(1)));
        using var listByOperator = await operator1.GetAsync(new Uri("api/announcements", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, notWav.StatusCode);
        Assert.Contains("not a WAV file NAudio can read", await notWav.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.Contains("not an announcement name", await badName.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Contains("larger than 40,000 bytes", await tooBig.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, listByOperator.StatusCode);
        Assert.Equal(original, await File.ReadAllBytesAsync(Path.Combine(_folder, "greeting.wav")));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A WAV of silence and a tone, 8 kHz mono 16-bit, as the upload's body.</summary>
    private static ByteArrayContent Wav(TimeSpan length)
    {
        var samples = new short[(int)(8_000 * length.TotalSeconds)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(Math.Sin(2 * Math.PI * 440 * i / 8_000) * 8_000);
        }

        using var stream = new MemoryStream();
        AudioFileLoader.WritePcm8kMonoWav(samples, stream);
        var content = new ByteArrayContent(stream.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        return content;
    }
}
