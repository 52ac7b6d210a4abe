using System.Globalization;
using Enswitch.Client.Testing;

namespace Enswitch.Client.IntegrationTests;

/// <summary>
/// One emulator shared by the rows of a catalogue theory (they run one after another), with two SDK clients on
/// it: the administrator, who holds every privilege, and a restricted user whose privileges a row sets. Every
/// value a row sends is new (a counter), so rows that create or seed objects never meet each other's. A suite takes
/// <see cref="CatalogueEmulatorOverSockets"/> in one subclass and <see cref="CatalogueEmulatorInMemory"/> in another.
/// </summary>
public abstract class CatalogueEmulatorFixture(EmulatorForm form) : IAsyncLifetime
{
    public const string RestrictedUsername = "restricted";
    private const string RestrictedPassword = "restricted-password";

    private long _counter = 1000;
    private EnswitchEmulator? _emulator;
    private EnswitchClient? _admin;
    private EnswitchClient? _restricted;

    public EnswitchEmulator Emulator => _emulator ?? throw new InvalidOperationException("Not started.");

    public IEnswitchClient Admin => _admin ?? throw new InvalidOperationException("Not started.");

    /// <summary>Gets the client of <see cref="RestrictedUsername"/>, who exists once <see cref="Restrict"/> has added him.</summary>
    public IEnswitchClient Restricted => _restricted ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        _emulator = await SdkHarness.StartEmulatorAsync(form);
        _admin = Client(EnswitchEmulator.DefaultUsername, EnswitchEmulator.DefaultPassword);
        _restricted = Client(RestrictedUsername, RestrictedPassword);
    }

    public async ValueTask DisposeAsync()
    {
        _admin?.Dispose();
        _restricted?.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Makes <see cref="Restricted"/> hold exactly these privileges (and no <see cref="EnswitchRoles"/> flag).</summary>
    public void Restrict(IEnumerable<string> privileges) =>
        Emulator.AddUser(new EmulatedUser(RestrictedUsername, RestrictedPassword, EnswitchRoles.None, Emulator.Options.DefaultCustomerId)
        {
            Privileges = privileges.ToHashSet(StringComparer.Ordinal),
        });

    /// <summary>
    /// Returns a value of the parameter's type that no other call of this fixture has sent; texts hold the characters
    /// a form body or URL must encode, so that finding an object by one proves it arrived unchanged.
    /// </summary>
    public string Sample(ApiParameter parameter)
    {
        var n = Interlocked.Increment(ref _counter);
        return parameter.Type switch
        {
            "integer" or "integer-or-string" => n.ToString(CultureInfo.InvariantCulture),
            "decimal" => n.ToString(CultureInfo.InvariantCulture) + ".25",
            "base64" => "+/+/" + Convert.ToBase64String(BitConverter.GetBytes(n)),
            _ => $"{parameter.Name} +;&=%é😀:/@,?#-{n}",
        };
    }

    /// <summary>
    /// Returns a valid value for every required parameter of <paramref name="function"/>, after storing what the
    /// call needs to find: a seeded object of its category (whose id becomes the <c>id</c> parameter) for any
    /// function but a create, or record groups, a recording and a live call for the hand-written recording ones.
    /// </summary>
    public Dictionary<string, string> Seed(ApiFunction function)
    {
        var values = function.Required.ToDictionary(p => p.Name, Sample, StringComparer.Ordinal);
        if (function.Name.StartsWith("recording/", StringComparison.Ordinal))
        {
            SeedRecording(values);
        }
        else if (function.Action != "create")
        {
            var seeded = Emulator.AddObject(function.Category, values.Where(v => v.Key != "id"));
            if (values.ContainsKey("id"))
            {
                values["id"] = seeded.Id.ToString(CultureInfo.InvariantCulture);
            }
        }

        return values;
    }

    private void SeedRecording(Dictionary<string, string> values)
    {
        var group = Emulator.AddRecordGroup("seeded");
        var destination = Emulator.AddRecordGroup("destination");
        var uniqueId = $"1700000000.{Interlocked.Increment(ref _counter)}";
        Emulator.AddRecording(RecordingSeed.NewRecording(group.Id, uniqueId, RecordingSeed.T0));
        // The restricted user owns a line on the call, so that the actions or panel role is enough for him to record it.
        Emulator.AddLiveCall(uniqueId, RestrictedUsername);
        foreach (var name in values.Keys.ToList())
        {
            values[name] = name switch
            {
                "id" or "recordgroup" => group.Id.ToString(CultureInfo.InvariantCulture),
                "destination" => destination.Id.ToString(CultureInfo.InvariantCulture),
                "uniqueid" => uniqueId,
                "recordid" => "1",
                _ => values[name],
            };
        }
    }

    private EnswitchClient Client(string username, string password)
    {
        var options = new EnswitchClientOptions { BaseAddress = Emulator.BaseAddress, Username = username, Password = password };
        SdkHarness.Defaults(options);
        return SdkHarness.CreateClient(Emulator, options);
    }
}

/// <summary>The catalogue suites' emulator on a socket.</summary>
public sealed class CatalogueEmulatorOverSockets() : CatalogueEmulatorFixture(EmulatorForm.Socket);

/// <summary>The catalogue suites' emulator in memory.</summary>
public sealed class CatalogueEmulatorInMemory() : CatalogueEmulatorFixture(EmulatorForm.InMemory);
