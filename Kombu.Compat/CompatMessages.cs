namespace Kombu.Compat;

/// <summary>The text of the exceptions Kombu.Compat throws, built in one place.</summary>
internal static class CompatMessages
{
    public const string NoQueueToFetch = "The consumer has no queue to fetch from: every queue was cancelled.";

    public const string FilterWithNoAck =
        "DiscardAll cannot filter messages consumed without acknowledgements (no_ack): fetched messages are gone.";
}
