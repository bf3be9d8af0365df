namespace ContactCenter.Acd.Policy;

/// <summary>What a target token names.</summary>
public enum RoutingTargetKind
{
    /// <summary><c>assigned-manager</c>: the client's manager.</summary>
    AssignedManager,

    /// <summary><c>key-account-managers</c>: the other key-account managers, longest idle first.</summary>
    KeyAccountManagers,

    /// <summary><c>department-head:CODE</c>.</summary>
    DepartmentHead,

    /// <summary><c>department:CODE</c>: every member, head first.</summary>
    Department,

    /// <summary><c>client-department-head</c>: the head of the department serving the client's type.</summary>
    ClientDepartmentHead,

    /// <summary><c>extension:NNNN</c> or just <c>NNNN</c>.</summary>
    Extension,

    /// <summary><c>queue:NAME</c>.</summary>
    Queue,
}

/// <summary>One parsed entry of a target chain.</summary>
/// <param name="Kind">What it names.</param>
/// <param name="Argument">The department code, extension or queue name, when the kind takes one.</param>
/// <param name="Token">The token as written.</param>
public sealed record RoutingTarget(RoutingTargetKind Kind, string? Argument, string Token)
{
    /// <summary>Parses a token such as <c>department-head:wholesale</c>; false with a message when it is not one.</summary>
    public static bool TryParse(string? token, out RoutingTarget target, out string? error)
    {
        target = null!;
        error = null;
        var text = token?.Trim() ?? "";
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var head = colon < 0 ? text : text[..colon];
        var argument = colon < 0 ? null : text[(colon + 1)..].Trim();
        RoutingTargetKind? kind = head.ToLowerInvariant() switch
        {
            "assigned-manager" when argument is null => RoutingTargetKind.AssignedManager,
            "key-account-managers" when argument is null => RoutingTargetKind.KeyAccountManagers,
            "client-department-head" when argument is null => RoutingTargetKind.ClientDepartmentHead,
            "department-head" when !string.IsNullOrEmpty(argument) => RoutingTargetKind.DepartmentHead,
            "department" when !string.IsNullOrEmpty(argument) => RoutingTargetKind.Department,
            "extension" when !string.IsNullOrEmpty(argument) => RoutingTargetKind.Extension,
            "queue" when !string.IsNullOrEmpty(argument) => RoutingTargetKind.Queue,
            _ when argument is null && text.Length > 0 && text.All(char.IsAsciiDigit) => RoutingTargetKind.Extension,
            _ => null,
        };
        if (kind is null)
        {
            error = $"'{token}' is not a target (assigned-manager, key-account-managers, client-department-head, department-head:CODE, department:CODE, extension:NNNN, queue:NAME)";
            return false;
        }

        target = new RoutingTarget(kind.Value, kind == RoutingTargetKind.Extension && argument is null ? text : argument, text);
        return true;
    }
}
