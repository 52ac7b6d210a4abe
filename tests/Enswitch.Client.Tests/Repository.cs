namespace Enswitch.Client.Tests;

/// <summary>Files of the repository the tests read (the README, the function catalogue), found from the test binaries upwards.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootFolder = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Enswitch.Client.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("No Enswitch.Client.sln above " + AppContext.BaseDirectory);
    });

    /// <summary>Gets the folder that holds Enswitch.Client.sln.</summary>
    public static string Root => RootFolder.Value;
}
