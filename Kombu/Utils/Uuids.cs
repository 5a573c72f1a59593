namespace Kombu.Utils;
/// <summary>STUB.</summary>
public static class Uuids
{
    /// <summary>STUB.</summary><returns>x</returns>
    public static string New() => Guid.NewGuid().ToString();
}
