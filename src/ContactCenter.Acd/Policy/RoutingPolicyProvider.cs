using ContactCenter.Acd.Configuration;
using ContactCenter.Acd.Directory;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Acd.Policy;

/// <summary>
/// The policy in force. At start it reads the newest saved version; when the database holds none it loads
/// sip-config/routing.json (or DOMAIN's default) and saves it as version 1. When the database cannot be reached it
/// routes with the file's policy and keeps trying in the background. Admins' changes are validated, saved as a
/// new version and take effect for the next call, without a restart.
/// </summary>
public sealed partial class RoutingPolicyProvider(IRoutingPolicyStore store, IExtensionCatalog extensions, RoutingDirectoryCache directory,
    IOptions<AcdOptions> options, TimeProvider time, ILogger<RoutingPolicyProvider> logger) : BackgroundService
{
    /// <summary>Who saves the first version.</summary>
    public const string SystemUser = "system";

    private volatile ActivePolicy? _current;
    private readonly SemaphoreSlim _saving = new(1, 1);

    /// <summary>
    /// The policy routing uses now and its version (0 while no saved version could be read). Until the database
    /// answers it is the sip-config file's policy, so that calls in the first seconds after start are routed too.
    /// </summary>
    public ActivePolicy Current => _current ??= InitialFromFile();

    /// <summary>Validates <paramref name="policy"/> against the configured extensions and the CRM's departments.</summary>
    public IReadOnlyList<string> Validate(RoutingPolicy policy)
    {
        var departments = directory.Current is { Departments.Count: > 0 } d ? d.Departments.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase) : null;
        return RoutingPolicyValidator.Validate(policy, extensions.GetExtensions(), departments);
    }

    /// <summary>
    /// Validates and saves <paramref name="policy"/> as the next version; it is in force when this returns.
    /// Returns the problems instead when it is not valid (nothing saved).
    /// </summary>
    public async Task<(ActivePolicy? Saved, IReadOnlyList<string> Errors)> SaveAsync(RoutingPolicy policy, string changedBy, string? comment,
        int? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var errors = Validate(policy);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        await _saving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stored = await store.SaveAsync(policy.ToJson(), changedBy, comment, expectedVersion, cancellationToken).ConfigureAwait(false);
            var active = new ActivePolicy(policy, stored.Version, $"saved by {changedBy}");
            _current = active;
            LogSaved(logger, stored.Version, changedBy);
            return (active, []);
        }
        finally
        {
            _saving.Release();
        }
    }

    /// <summary>Reads the newest version from the store (or seeds it); false when the store cannot be reached.</summary>
    public async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        // One load at a time: the start-up's load and the background retry met on a slow database, both found no version
        // and both saved version 1 (the loser's primary-key error was logged as a failure, though it changed nothing).
        await _saving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await LoadOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _saving.Release();
        }
    }

    private async Task<bool> LoadOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var latest = await store.GetLatestAsync(cancellationToken).ConfigureAwait(false);
            if (latest is not null)
            {
                if (RoutingPolicy.TryParse(latest.Document, out var policy, out var error))
                {
                    _current = new ActivePolicy(policy!, latest.Version, $"version {latest.Version} by {latest.CreatedBy}");
                    LogLoaded(logger, latest.Version);
                }
                else
                {
                    LogUnreadable(logger, latest.Version, error);
                }

                return true;
            }

            var (initial, source) = ReadInitialPolicy();
            var errors = Validate(initial);
            if (errors.Count > 0)
            {
                LogInvalidInitial(logger, source, string.Join(" ", errors));
                _current = new ActivePolicy(initial, 0, source + " (not saved: " + string.Join(" ", errors) + ")");
                return true;
            }

            var stored = await store.SaveAsync(initial.ToJson(), SystemUser, "loaded from " + source, expectedVersion: 0, cancellationToken).ConfigureAwait(false);
            _current = new ActivePolicy(initial, stored.Version, source);
            LogSeeded(logger, source, stored.Version);
            return true;
        }
        catch (RoutingPolicyConflictException)
        {
            // Another instance seeded it first: read theirs next time round.
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (Current.Version == 0)
            {
                var (initial, source) = ReadInitialPolicy();
                _current = new ActivePolicy(initial, 0, source + " (database unavailable)");
            }

            LogStoreFailed(logger, ex);
            return false;
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Departments are checked against the CRM: give the directory a moment to load first.
        for (var i = 0; i < 50 && directory.Current is null && !stoppingToken.IsCancellationRequested; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), time, stoppingToken).ConfigureAwait(false);
        }

        while (!stoppingToken.IsCancellationRequested && !await LoadAsync(stoppingToken).ConfigureAwait(false))
        {
            await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken).ConfigureAwait(false);
        }
    }

    private ActivePolicy InitialFromFile()
    {
        var (policy, source) = ReadInitialPolicy();
        return new ActivePolicy(policy, 0, source + " (not loaded from the database yet)");
    }

    private (RoutingPolicy Policy, string Source) ReadInitialPolicy()
    {
        var file = options.Value.PolicyFile;
        if (!string.IsNullOrEmpty(file))
        {
            var baseDirectory = options.Value.BaseDirectory;
            var path = Path.IsPathRooted(file) || baseDirectory is null ? file : Path.Combine(baseDirectory, file);
            if (File.Exists(path))
            {
                if (RoutingPolicy.TryParse(File.ReadAllText(path), out var policy, out var error))
                {
                    return (policy!, path);
                }

                LogUnreadableFile(logger, path, error);
            }
        }

        var operators = directory.Current?.Staff.Values.Where(s => s.Role == "Operator" && s.IsActive).Select(s => s.Extension).Order(StringComparer.Ordinal).ToList() ?? [];
        return (DefaultRoutingPolicy.Create(operators), "built-in default");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Routing policy version {Version} in force")]
    private static partial void LogLoaded(ILogger logger, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Routing policy version {Version} saved by {ChangedBy}; the next call follows it")]
    private static partial void LogSaved(ILogger logger, int version, string changedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Routing policy loaded from {Source} and saved as version {Version}")]
    private static partial void LogSeeded(ILogger logger, string source, int version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Routing policy version {Version} cannot be read ({Error}); the previous policy stays in force")]
    private static partial void LogUnreadable(ILogger logger, int version, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Routing policy file {Path} cannot be read ({Error}); using the built-in default")]
    private static partial void LogUnreadableFile(ILogger logger, string path, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Routing policy from {Source} is not valid and was not saved: {Errors}")]
    private static partial void LogInvalidInitial(ILogger logger, string source, string errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Routing policy store unavailable; routing with the policy in memory")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception);
}

/// <summary>The policy routing uses, its version and where it came from.</summary>
public sealed record ActivePolicy(RoutingPolicy Policy, int Version, string Source);
