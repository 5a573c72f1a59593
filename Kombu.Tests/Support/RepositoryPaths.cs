namespace Kombu.Tests.Support;

/// <summary>Locates files of the repository from the test binaries.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kombu.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Kombu.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository root (the folder holding Kombu.sln).</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path below the repository root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);
}
