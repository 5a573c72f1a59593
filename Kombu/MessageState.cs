namespace Kombu;

/// <summary>Where a received message is in its life.</summary>
public enum MessageState
{
    /// <summary>Delivered and not yet settled.</summary>
    Received,

    /// <summary>Acknowledged.</summary>
    Ack,

    /// <summary>Rejected and discarded.</summary>
    Rejected,

    /// <summary>Rejected and put back on its queue.</summary>
    Requeued,
}
