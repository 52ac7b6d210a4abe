using System.Globalization;
using System.Text;

namespace Enswitch.Client.Benchmarks;

/// <summary>
/// The one call every contender makes: <c>recording/groups/create</c> with six parameters set, answered
/// with the guide's success body.
/// </summary>
internal static class Scenario
{
    public const string Path = "api/json/recording/groups/create/";

    public const string Name = "Support line";
    public const long Customer = 1;
    public const int ExpiryDays = 90;
    public const int SavePercentage = 50;
    public const int BeepSeconds = 15;
    public const bool Transcribe = true;

    /// <summary>The id the fixed answer carries; every contender must read it back.</summary>
    public const long CreatedId = 123;

    /// <summary>Where the in-memory transport pretends the server is; only the path and the form matter.</summary>
    public static readonly Uri InMemoryBaseAddress = new("http://enswitch.invalid/");

    /// <summary>
    /// The guide's success answer, byte for byte what the emulator writes for a create (its
    /// <c>EnvelopeWriter</c>: compact, <c>code</c> as a string); <see cref="LoopbackBenchmarks"/> checks that.
    /// </summary>
    public static readonly byte[] SuccessBody = Encoding.UTF8.GetBytes(SuccessBodyFor(CreatedId));

    /// <summary>The six parameters by wire name, in the guide's order, as a hand-written client would list them.</summary>
    public static readonly KeyValuePair<string, string>[] Parameters =
    [
        new("name", Name),
        new("customer", "1"),
        new("expires", "90"),
        new("fraction", "50"),
        new("beep", "15"),
        new("transcribe", "1"),
    ];

    public static string SuccessBodyFor(long id) =>
        """{"responses":[{"code":"200","key":"","message":"OK"}],"data":{"id":""" + id.ToString(CultureInfo.InvariantCulture) + "}}";

    /// <summary>The credentials and the six parameters, the form every contender posts.</summary>
    public static Dictionary<string, string> Form(Credentials credentials) => Form(credentials, Parameters);

    /// <summary>The credentials and then <paramref name="parameters"/>, as a hand-written client posts them.</summary>
    public static Dictionary<string, string> Form(Credentials credentials, KeyValuePair<string, string>[] parameters)
    {
        var form = new Dictionary<string, string>(8, StringComparer.Ordinal)
        {
            ["auth_username"] = credentials.Username,
            ["auth_password"] = credentials.Password,
        };
        foreach (var (key, value) in parameters)
        {
            form[key] = value;
        }

        return form;
    }

    /// <summary>
    /// Checks that the emulator answers a first create with exactly the bytes the in-memory transport
    /// returns (but for the id), so that both transports measure the same answer.
    /// </summary>
    public static void ExpectEmulatorBody(Credentials credentials)
    {
        using var http = new HttpClient { BaseAddress = credentials.BaseAddress };
        using var content = new FormUrlEncodedContent(Form(credentials));
        using var response = http.PostAsync(Path, content).GetAwaiter().GetResult();
        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        if (body != SuccessBodyFor(1))
        {
            throw new InvalidOperationException($"The emulator answered {body}, not the body the in-memory transport returns.");
        }
    }

    /// <summary>Fails the run when a contender did not get the answer it should, so a broken one cannot look fast.</summary>
    public static void Expect(string contender, long expected, long actual)
    {
        if (expected != actual)
        {
            throw new InvalidOperationException($"{contender} read id {actual}, expected {expected}.");
        }
    }
}
