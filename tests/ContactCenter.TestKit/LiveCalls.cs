using System.Net.Http.Json;

namespace ContactCenter.TestKit;

/// <summary>The engine's live calls as its API shows them (<c>GET /api/live-calls</c>).</summary>
public static class LiveCalls
{
    /// <summary>Waits up to 15 s for a live call (answered when <paramref name="answered"/>) and returns its id.</summary>
    public static async Task<Guid> WaitForAsync(HttpClient client, bool answered)
    {
        ArgumentNullException.ThrowIfNull(client);
        for (var i = 0; i < 150; i++)
        {
            var calls = await client.GetFromJsonAsync<List<LiveCall>>("api/live-calls");
            var call = calls!.FirstOrDefault(c => !answered || c.Phase == "Answered");
            if (call is not null)
            {
                return call.CallId;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("No live call appeared in /api/live-calls.");
    }

    private sealed record LiveCall(Guid CallId, string Phase);
}
