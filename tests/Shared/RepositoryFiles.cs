namespace BarberPro.Tests.Shared;

/// <summary>Files of the repository the tests run from (the folder holding BarberPro.sln, above the test's output).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BarberPro.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (BarberPro.sln) above " + AppContext.BaseDirectory);
    }
}
