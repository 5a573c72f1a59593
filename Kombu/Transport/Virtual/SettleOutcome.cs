namespace Kombu.Transport.Virtual;

/// <summary>How an unacknowledged message of a virtual channel was settled.</summary>
public enum SettleOutcome
{
    /// <summary>Acknowledged (<c>basic_ack</c>).</summary>
    Acked,

    /// <summary>Rejected without requeue (<c>basic_reject(requeue=False)</c>).</summary>
    Rejected,

    /// <summary>Rejected with requeue (<c>basic_reject(requeue=True)</c>), after it was put back for redelivery.</summary>
    Requeued,
}
