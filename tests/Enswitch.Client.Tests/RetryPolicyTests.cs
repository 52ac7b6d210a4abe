using Enswitch.Client.Transport;

namespace Enswitch.Client.Tests;

/// <summary>
/// The retry decision table of design.md section 4, row by row. The expectations are written out
/// here rather than derived, so that any change to the policy has to change this table too.
/// </summary>
public class RetryPolicyTests
{
    private static readonly (string Kind, string Failure, bool Retry, bool OutcomeUnknown)[] Table =
    [
        ("Read", "NotSent", true, false),
        ("Read", "NoAnswer", true, false),
        ("Read", "TransientStatus", true, false),
        ("Read", "PermanentStatus", false, false),
        ("Read", "InvalidResponse", false, false),
        ("Read", "ApiError", false, false),
        ("Read", "ApiServerError", true, false),
        ("Read", "CircuitOpen", false, false),
        ("ValidateOnly", "NotSent", true, false),
        ("ValidateOnly", "NoAnswer", true, false),
        ("ValidateOnly", "TransientStatus", true, false),
        ("ValidateOnly", "PermanentStatus", false, false),
        ("ValidateOnly", "InvalidResponse", false, false),
        ("ValidateOnly", "ApiError", false, false),
        ("ValidateOnly", "ApiServerError", true, false),
        ("ValidateOnly", "CircuitOpen", false, false),
        ("IdempotentWrite", "NotSent", true, false),
        ("IdempotentWrite", "NoAnswer", true, false),
        ("IdempotentWrite", "TransientStatus", true, false),
        ("IdempotentWrite", "PermanentStatus", false, false),
        ("IdempotentWrite", "InvalidResponse", false, false),
        ("IdempotentWrite", "ApiError", false, false),
        ("IdempotentWrite", "ApiServerError", true, false),
        ("IdempotentWrite", "CircuitOpen", false, false),
        ("NonIdempotent", "NotSent", true, false),
        ("NonIdempotent", "NoAnswer", false, true),
        ("NonIdempotent", "TransientStatus", false, true),
        ("NonIdempotent", "PermanentStatus", false, true),
        ("NonIdempotent", "InvalidResponse", false, true),
        ("NonIdempotent", "ApiError", false, false),
        ("NonIdempotent", "ApiServerError", false, true),
        ("NonIdempotent", "CircuitOpen", false, false),
    ];

    public static TheoryData<string, string, bool, bool> Rows()
    {
        var rows = new TheoryData<string, string, bool, bool>();
        foreach (var row in Table)
        {
            rows.Add(row.Kind, row.Failure, row.Retry, row.OutcomeUnknown);
        }

        return rows;
    }

    private static OperationKind Kind(string name) => Enum.Parse<OperationKind>(name);

    private static FailureClass Failure(string name) => Enum.Parse<FailureClass>(name);

    [Fact]
    public void TheTableHasExactlyOneRowForEveryKindAndFailure()
    {
        var expected =
            from kind in Enum.GetNames<OperationKind>()
            from failure in Enum.GetNames<FailureClass>()
            select (kind, failure);

        Assert.Equal(expected.OrderBy(p => p), Table.Select(r => (r.Kind, r.Failure)).OrderBy(p => p));
    }

    public class TheShouldRetryMethod
    {
        [Theory]
        [MemberData(nameof(Rows), MemberType = typeof(RetryPolicyTests))]
        public void FollowsTheTable(string kind, string failure, bool retry, bool outcomeUnknown)
        {
            _ = outcomeUnknown;

            Assert.Equal(retry, RetryPolicy.ShouldRetry(Kind(kind), Failure(failure)));
        }
    }

    public class TheIsOutcomeUnknownMethod
    {
        [Theory]
        [MemberData(nameof(Rows), MemberType = typeof(RetryPolicyTests))]
        public void FollowsTheTable(string kind, string failure, bool retry, bool outcomeUnknown)
        {
            _ = retry;

            Assert.Equal(outcomeUnknown, RetryPolicy.IsOutcomeUnknown(Kind(kind), Failure(failure)));
        }
    }

    public class TheCountsForCircuitMethod
    {
        [Theory]
        [InlineData("NotSent", true)]
        [InlineData("NoAnswer", true)]
        [InlineData("TransientStatus", true)]
        [InlineData("PermanentStatus", false)]
        [InlineData("InvalidResponse", false)]
        [InlineData("ApiError", false)]
        [InlineData("ApiServerError", true)]
        [InlineData("CircuitOpen", false)]
        public void CountsOnlyTransportFailuresAndServerErrors(string failure, bool counts)
        {
            Assert.Equal(counts, RetryPolicy.CountsForCircuit(Failure(failure)));
        }
    }
}
