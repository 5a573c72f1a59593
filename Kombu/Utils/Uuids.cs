namespace Kombu.Utils;

/// <summary>Generates the unique identifiers Kombu puts in messages.</summary>
/// <remarks>Kombu's <c>kombu.utils.uuid</c> module.</remarks>
public static class Uuids
{
    /// <summary>Returns a new random (version 4) UUID as a 36-character lower-case hyphenated string.</summary>
    /// <returns>A UUID such as <c>1b4e28ba-2fa1-41d2-883f-0016d3cca427</c>.</returns>
    /// <remarks>Kombu's <c>uuid()</c>.</remarks>
    public static string New() => Guid.NewGuid().ToString("D");
}
