namespace ContactCenter.Acd.Directory;

/// <summary>Reads the CRM's clients, staff and departments (the host plugs in the CRM database).</summary>
public interface IRoutingDirectorySource
{
    /// <summary>A fresh snapshot; throws when the data cannot be read now.</summary>
    Task<RoutingDirectory> LoadAsync(CancellationToken cancellationToken);
}
