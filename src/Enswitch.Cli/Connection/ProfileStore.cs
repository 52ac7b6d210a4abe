using System.Diagnostics;
using System.Text.Json;

namespace Enswitch.Cli.Connection;

/// <summary>
/// Reads and writes <c>profiles.json</c> in the tool's configuration folder: <c>ENSWITCH_CONFIG_DIR</c> when set, else
/// <c>enswitch</c> under the user's configuration folder (<c>$XDG_CONFIG_HOME</c>, <c>~/.config</c>, or <c>%APPDATA%</c>).
/// The file holds no password; on Unix it is still created readable by its owner only.
/// </summary>
/// <remarks>
/// Every change goes through <see cref="Update{T}"/>, which holds <c>profiles.json.lock</c> open exclusively while it
/// reads, changes and writes the file, so two commands at once (two logins, an emulator stopping during a login) cannot
/// lose each other's change. The new file is written to a temporary file of its own and moved over the old one in one
/// step, so a reader (<see cref="Load"/>, which takes no lock) sees the old file or the new one, never half of one. The
/// lock is an OS file lock, released when the process ends however it ends; the lock file itself stays.
/// </remarks>
/// <param name="folder">The configuration folder.</param>
/// <param name="lockWait">How long <see cref="Update{T}"/> waits for another command's change to finish; 10 seconds when not given.</param>
internal sealed class ProfileStore(string folder, TimeSpan? lockWait = null)
{
    /// <summary>The profile name <c>enswitch login</c> uses when none is given.</summary>
    public const string DefaultName = "default";

    // How often a waiting change tries the lock again. A change holds it for a read and a write of a small file.
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(20);

    private readonly TimeSpan _lockWait = lockWait ?? TimeSpan.FromSeconds(10);

    /// <summary>Gets the file's path.</summary>
    public string Path { get; } = System.IO.Path.Combine(folder, "profiles.json");

    /// <summary>Gets the lock file's path.</summary>
    public string LockPath => Path + ".lock";

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

    /// <summary>Returns the saved profiles, or an empty file when none was saved. For reading only: a change goes through <see cref="Update{T}"/>.</summary>
    /// <exception cref="CliUsageException">The file exists but is not a profile file.</exception>
    public ProfileFile Load()
    {
        if (!File.Exists(Path))
        {
            return new ProfileFile();
        }

        try
        {
            // Shared for writing and deleting too, so that a change moving its new file over this one is not refused on Windows.
            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return JsonSerializer.Deserialize(stream, ProfileJson.Default.ProfileFile) ?? new ProfileFile();
        }
        catch (JsonException invalid)
        {
            throw new CliUsageException($"{Path} is not a valid profile file ({invalid.Message}); fix or delete it, then run enswitch login.");
        }
    }

    /// <summary>
    /// Changes the file: with the lock held, reads it, lets <paramref name="change"/> change it, and writes it back when
    /// it changed. Every command that changes profiles does it here.
    /// </summary>
    /// <typeparam name="T">What <paramref name="change"/> returns.</typeparam>
    /// <param name="change">Changes the file's contents in place (or leaves them), and returns what the caller needs to know.</param>
    /// <returns>What <paramref name="change"/> returned.</returns>
    /// <exception cref="CliUsageException">The file is not a profile file, or another command held the lock longer than the wait allows; nothing was changed.</exception>
    public T Update<T>(Func<ProfileFile, T> change)
    {
        Directory.CreateDirectory(folder);
        using var held = Lock();
        var file = Load();
        var before = JsonSerializer.SerializeToUtf8Bytes(file, ProfileJson.Default.ProfileFile);
        var result = change(file);
        var after = JsonSerializer.SerializeToUtf8Bytes(file, ProfileJson.Default.ProfileFile);
        if (!before.AsSpan().SequenceEqual(after))
        {
            Write(after);
        }

        return result;
    }

    private FileStream Lock()
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                return new FileStream(LockPath, options);
            }
            catch (UnauthorizedAccessException denied)
            {
                throw new CliUsageException($"{LockPath} cannot be created or opened ({denied.Message}); check the permissions of {System.IO.Path.GetDirectoryName(Path)}.", denied);
            }
            catch (IOException busy)
            {
                if (Stopwatch.GetElapsedTime(started) >= _lockWait)
                {
                    throw new CliUsageException(
                        $"{Path} is being changed by another enswitch command (login, logout or emulator), which still held {LockPath} after {_lockWait.TotalSeconds:0.#} s ({busy.Message}); run this command again when it has finished.",
                        busy);
                }

                Thread.Sleep(RetryInterval);
            }
        }
    }

    // Writes a temporary file of this change's own, then moves it over the file in one step.
    private void Write(byte[] contents)
    {
        var temporary = $"{Path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(contents);
            }

            File.Move(temporary, Path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
