namespace ContactCenter.Crm.Model;

/// <summary>What a member of staff does; also the name of the matching authorization role.</summary>
public enum StaffRole
{
    /// <summary>Takes inbound calls from the operator queue and works call lists.</summary>
    Operator,

    /// <summary>Key-account or other manager who owns assigned clients.</summary>
    Manager,

    /// <summary>Head of a department: assigns managers, hands out call lists.</summary>
    DepartmentHead,

    /// <summary>Receives debtors' calls.</summary>
    Finance,

    /// <summary>Phones consignees about deliveries.</summary>
    Dispatcher,

    /// <summary>Configures extensions, queues, routing and hours.</summary>
    Admin,
}
