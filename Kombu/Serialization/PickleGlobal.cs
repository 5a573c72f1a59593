namespace Kombu.Serialization;

/// <summary>An allowed global (<c>module.name</c>) pushed by <c>GLOBAL</c> or <c>STACK_GLOBAL</c> while unpickling.</summary>
/// <param name="Module">The module, after Python 2 names are mapped (<c>__builtin__</c> → <c>builtins</c>).</param>
/// <param name="Name">The attribute name.</param>
internal sealed record PickleGlobal(string Module, string Name)
{
    /// <summary>The dotted name, as in error messages.</summary>
    public string FullName => $"{Module}.{Name}";
}
