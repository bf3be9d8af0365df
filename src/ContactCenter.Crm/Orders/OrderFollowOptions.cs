namespace ContactCenter.Crm.Orders;

/// <summary>Who is told at once of an accepted order besides the client's manager (DOMAIN: "the managers who follow execution").</summary>
public sealed class OrderFollowOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Crm:Orders";

    /// <summary>Codes of the departments that follow the execution of every accepted order.</summary>
    public string[] FollowingDepartments { get; set; } = ["dispatch"];
}
