namespace Kombu.Exceptions;

/// <summary>Error texts raised by <c>Kombu.Pidbox</c>, <c>Kombu.Mixins</c> and <c>Kombu.Common</c>.</summary>
internal static partial class ErrorMessages
{
    public const string MailboxNotBound = "The mailbox is not bound to a connection: call Bind(connection) first.";

    public static string PidboxUnknownMethod(string method) => $"No pidbox handler named '{method}'.";

    public static string PidboxUnknownMatcher(string matcher) =>
        $"No node matcher named '{matcher}': use 'glob' or 'pcre'.";

    public static string EntryOptionType(string key, string expected) =>
        $"The queue option '{key}' must be {expected}.";
}
