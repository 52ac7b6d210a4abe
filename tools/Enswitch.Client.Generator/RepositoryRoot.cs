namespace Enswitch.Client.Generator;

/// <summary>Finds the repository root (the folder holding Enswitch.Client.sln) from the working directory upwards.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Enswitch.Client.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the generator inside the repository: no Enswitch.Client.sln above " + Environment.CurrentDirectory);
    }
}
