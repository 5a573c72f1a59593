namespace Kombu.Tests.Transports.Sqs;

/// <summary>Where the SQS transport takes its credentials from: the URL, the keywords, or the AWS environment variables.</summary>
[TestFixture]
[NonParallelizable]
public sealed class SqsCredentialsTests
{
    [SetUp]
    public void RequireBroker() => SqsBroker.Require();

    [Test]
    public void Keywords_AndEndpointUrl_RoundTrip() =>
        RoundTrip(new Connection("sqs://", transportOptions: new Dictionary<string, object?>
        {
            ["endpoint_url"] = "http://127.0.0.1:4566",
            ["region"] = "us-east-1",
            ["access_key_id"] = "AKIA",
            ["secret_access_key"] = "secret",
            ["wait_time_seconds"] = 1,
        }));

    [Test]
    public void EnvironmentVariables_RoundTrip()
    {
        var saved = (Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"), Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY"));
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIAENV");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "envsecret");
        try
        {
            RoundTrip(new Connection("sqs://127.0.0.1:4566", transportOptions: new Dictionary<string, object?> { ["wait_time_seconds"] = 1 }));
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", saved.Item1);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", saved.Item2);
        }
    }

    private static void RoundTrip(Connection connection)
    {
        using var conn = connection;
        using var queue = conn.CreateSimpleQueue("kc-" + Guid.NewGuid().ToString("N")[..10]);
        queue.Put("cred");
        var message = queue.Get(timeout: TimeSpan.FromSeconds(10));
        Assert.That(message.Payload, Is.EqualTo("cred"));
        message.Ack();
    }
}
