namespace Kombu.Transport.Virtual;

/// <summary>Compares argument and header values the way Python compares them: numbers by value, the rest by equality.</summary>
internal static class ArgumentValues
{
    public static bool AreEqual(object? left, object? right)
    {
        if (ReferenceEquals(left, right))
            return true;
        if (left is null || right is null)
            return false;
        if (left is string ls)
            return right is string rs && string.Equals(ls, rs, StringComparison.Ordinal);
        if (IsNumber(left) && IsNumber(right))
            return ToDecimalOrDouble(left).Equals(ToDecimalOrDouble(right));
        return left.Equals(right);
    }

    private static bool IsNumber(object value) => value is sbyte or byte or short or ushort or int or uint or long
        or ulong or float or double or decimal or bool;

    private static double ToDecimalOrDouble(object value) =>
        value is bool b ? (b ? 1d : 0d) : Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
}
