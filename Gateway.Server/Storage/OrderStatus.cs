using Terminal.Gateway;

namespace Gateway.Server.Storage;

/// <summary>The order statuses on the wire and in the database (one definition: the firmware's GatewayPaths).</summary>
public static class OrderStatus
{
    public const string Pending = GatewayPaths.StatusPending;
    public const string Paid = GatewayPaths.StatusPaid;
    public const string Cancelled = GatewayPaths.StatusCancelled;
    public const string Expired = GatewayPaths.StatusExpired;
}
