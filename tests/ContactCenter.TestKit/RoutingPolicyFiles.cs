using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContactCenter.TestKit;

/// <summary>
/// Routing policies for the hosts the tests start. <see cref="Path"/>: the repository's policy
/// (<c>sip-config/routing.json</c>) with every queue open around the clock (its <c>hours</c> removed; the named hours stay
/// for the tests of the console's form); every host loads it (<see cref="HostProcess"/> passes <c>--Acd:PolicyFile</c>), so
/// that no test depends on the hour it runs at. <see cref="WriteClosedNow"/>: one closed now, which a test of the
/// after-hours path passes after it.
/// </summary>
public static class RoutingPolicyFiles
{
    private static readonly Lazy<string> Written = new(Write, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The policy file (written once per test process, beside the test assembly).</summary>
    public static string Path => Written.Value;

    /// <summary>The host argument that loads it.</summary>
    public static string HostArgument => "--Acd:PolicyFile=" + Path;

    /// <summary>The repository's policy as a JSON tree with every queue's hours removed.</summary>
    public static JsonObject Read()
    {
        var source = System.IO.Path.Combine(RepositoryPaths.Root, "sip-config", "routing.json");
        var policy = JsonNode.Parse(File.ReadAllText(source), documentOptions: new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        })!.AsObject();
        foreach (var queue in policy["queues"]?.AsArray() ?? [])
        {
            queue!.AsObject().Remove("hours");
        }

        return policy;
    }

    /// <summary>
    /// Writes to <paramref name="path"/> the repository's policy with the operator queue on hours open all day except
    /// yesterday, today and tomorrow (holidays, UTC): closed whenever a test runs, for the after-hours path. Returns when
    /// the queue opens next (the day after tomorrow, 00:00 UTC).
    /// </summary>
    public static DateTimeOffset WriteClosedNow(string path)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var policy = Read();
        var week = new JsonObject();
        foreach (var day in (string[])["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
        {
            week[day] = "00:00-24:00";
        }

        policy["hours"]!.AsArray().Add(new JsonObject
        {
            ["name"] = "closed-now",
            ["timeZone"] = "UTC",
            ["week"] = week,
            ["holidays"] = new JsonArray([.. new[] { -1, 0, 1 }.Select(d => (JsonNode)today.AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))]),
        });
        policy["queues"]!.AsArray().Single(q => q!["name"]!.GetValue<string>() == "operators")!["hours"] = "closed-now";
        File.WriteAllText(path, policy.ToJsonString());
        return new DateTimeOffset(today.AddDays(2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    }

    private static string Write()
    {
        var path = System.IO.Path.Combine(AppContext.BaseDirectory, "routing-always-open.json");
        File.WriteAllText(path, Read().ToJsonString());
        return path;
    }
}
