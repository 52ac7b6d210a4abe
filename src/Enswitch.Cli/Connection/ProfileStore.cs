using System.Text.Json;

namespace Enswitch.Cli.Connection;

/// <summary>
/// Reads and writes <c>profiles.json</c> in the tool's configuration folder: <c>ENSWITCH_CONFIG_DIR</c> when set, else
/// <c>enswitch</c> under the user's configuration folder (<c>$XDG_CONFIG_HOME</c>, <c>~/.config</c>, or <c>%APPDATA%</c>).
/// The file holds no password; on Unix it is still created readable by its owner only.
/// </summary>
internal sealed class ProfileStore(string folder)
{
    /// <summary>The profile name <c>enswitch login</c> and <c>enswitch emulator</c> use when none is given.</summary>
    public const string DefaultName = "default";

    /// <summary>Gets the file's path.</summary>
    public string Path { get; } = System.IO.Path.Combine(folder, "profiles.json");

    /// <summary>Returns the configuration folder for this user, as the class summary describes.</summary>
    public static string DefaultFolder(Func<string, string?> environment)
    {
        if (environment("ENSWITCH_CONFIG_DIR") is { Length: > 0 } configured)
        {
            return configured;
        }

        if (OperatingSystem.IsWindows())
        {
            return System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "enswitch");
        }

        var xdg = environment("XDG_CONFIG_HOME");
        var home = environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return System.IO.Path.Combine(string.IsNullOrEmpty(xdg) ? System.IO.Path.Combine(home, ".config") : xdg, "enswitch");
    }

    /// <summary>Returns the saved profiles, or an empty file when none was saved.</summary>
    /// <exception cref="CliUsageException">The file exists but is not a profile file.</exception>
    public ProfileFile Load()
    {
        if (!File.Exists(Path))
        {
            return new ProfileFile();
        }

        try
        {
            using var stream = File.OpenRead(Path);
            return JsonSerializer.Deserialize(stream, ProfileJson.Default.ProfileFile) ?? new ProfileFile();
        }
        catch (JsonException invalid)
        {
            throw new CliUsageException($"{Path} is not a valid profile file ({invalid.Message}); fix or delete it, then run enswitch login.");
        }
    }

    /// <summary>Writes <paramref name="file"/>, replacing the previous file in one step.</summary>
    public void Save(ProfileFile file)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temporary = Path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, file, ProfileJson.Default.ProfileFile);
        }

        File.Move(temporary, Path, overwrite: true);
    }
}
