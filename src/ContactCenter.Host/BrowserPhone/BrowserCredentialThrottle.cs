using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ContactCenter.Host.BrowserPhone;

/// <summary>At most <see cref="BrowserPhoneOptions.CredentialsPerMinute"/> browser credentials per user per minute (fixed windows).</summary>
public sealed class BrowserCredentialThrottle(IOptions<BrowserPhoneOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Counter> _users = new(StringComparer.Ordinal);

    /// <summary>Counts one request of <paramref name="userName"/>; false when it is over the limit.</summary>
    public bool TryAcquire(string userName)
    {
        var now = time.GetUtcNow();
        var counter = _users.GetOrAdd(userName, _ => new Counter());
        lock (counter)
        {
            if (now - counter.Start >= Window)
            {
                counter.Start = now;
                counter.Count = 0;
            }

            counter.Count++;
            return counter.Count <= options.Value.CredentialsPerMinute;
        }
    }

    private sealed class Counter
    {
        public DateTimeOffset Start { get; set; } = DateTimeOffset.MinValue;

        public int Count { get; set; }
    }
}
