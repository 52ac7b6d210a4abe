using Enswitch.Cli.Connection;

namespace Enswitch.Cli.Tests;

/// <summary>
/// <c>profiles.json</c> changed by several commands at once (two logins, an emulator stopping during a login): every
/// change goes through <see cref="ProfileStore.Update{T}"/>, which holds the lock file while it reads, changes and writes,
/// and writes a temporary file of its own, so no change is lost and no move fails.
/// </summary>
public sealed class ProfileStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("enswitch-profiles-").FullName;

    [Fact]
    public void ManyChangesAtOnce_EachAddingAProfile_AllSurvive()
    {
        const int writers = 8;
        const int changesEach = 25;
        using var start = new Barrier(writers);
        var failures = new List<Exception>();
        var threads = Enumerable.Range(0, writers).Select(writer => new Thread(() =>
        {
            // Each writer has a store of its own, as each command has.
            var store = new ProfileStore(_folder, TimeSpan.FromMinutes(2));
            start.SignalAndWait();
            try
            {
                for (var i = 0; i < changesEach; i++)
                {
                    var name = $"w{writer}-{i}";
                    store.Update(file => file.Profiles[name] = new Profile { Server = new Uri($"https://pbx{writer}.example.com/"), User = name });
                }
            }
            catch (Exception e)
            {
                lock (failures)
                {
                    failures.Add(e);
                }
            }
        })).ToList();

        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Empty(failures);
        var saved = new ProfileStore(_folder).Load();
        Assert.Equal(writers * changesEach, saved.Profiles.Count);
        Assert.All(Enumerable.Range(0, writers), w => Assert.All(Enumerable.Range(0, changesEach), i => Assert.Equal($"w{w}-{i}", saved.Profiles[$"w{w}-{i}"].User)));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void AChange_WaitsForTheLockOnlyAsLongAsAllowed_ThenSaysWhoHoldsIt_AndChangesNothing()
    {
        var store = new ProfileStore(_folder, TimeSpan.FromMilliseconds(100));
        store.Update(file => file.Profiles["kept"] = new Profile { User = "kept" });
        var before = File.ReadAllText(store.Path);

        CliUsageException refused;
        using (new FileStream(store.LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            refused = Assert.Throws<CliUsageException>(() => store.Update(file => file.Profiles["lost"] = new Profile { User = "lost" }));

            // Reading needs no lock.
            Assert.Equal(["kept"], store.Load().Profiles.Keys);
        }

        Assert.Contains($"{store.Path} is being changed by another enswitch command (login, logout or emulator), which still held {store.LockPath} after 0.1 s", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(store.Path));

        // Once released, the lock is free again.
        store.Update(file => file.Profiles["later"] = new Profile { User = "later" });
        Assert.Equal(["kept", "later"], store.Load().Profiles.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AChangeThatChangesNothing_WritesNothing()
    {
        var store = new ProfileStore(_folder);

        var found = store.Update(file => file.Profiles.ContainsKey("emulator"));

        Assert.False(found);
        Assert.False(File.Exists(store.Path));
    }

    [Fact]
    public void ACorruptFile_IsReportedWithItsPath_AndLeftAsItIs()
    {
        var store = new ProfileStore(_folder);
        File.WriteAllText(store.Path, "{ not json");

        var refused = Assert.Throws<CliUsageException>(() => store.Update(file => file.Default = "x"));

        Assert.StartsWith($"{store.Path} is not a valid profile file", refused.Message, StringComparison.Ordinal);
        Assert.Equal("{ not json", File.ReadAllText(store.Path));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
