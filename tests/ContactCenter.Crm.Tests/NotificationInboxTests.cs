using ContactCenter.Crm.Notifications;
using ContactCenter.TestKit;

namespace ContactCenter.Crm.Tests;

[Collection(DatabaseCollection.Name)]
[Trait("Category", "Database")]
public sealed class NotificationInboxTests(CrmDatabaseFixture fixture)
{
    private static Task<bool> MarkReadAsync(DemoScenario demo, string user, Guid id) =>
        demo.AsUserAsync<NotificationInbox, bool>(user, [], (inbox, signedIn) => inbox.MarkReadAsync(signedIn, id, CancellationToken.None));

    private static Task<List<NotificationDto>> UnreadAsync(DemoScenario demo, string user) =>
        demo.AsUserAsync<NotificationInbox, List<NotificationDto>>(user, [], (inbox, signedIn) => inbox.ListAsync(signedIn, true, CancellationToken.None));

    [Fact]
    public async Task DemoComplaint_HeadOfQualitySeesItAndReadsItTwice_ReadOnceOthersNeverSeeIt()
    {
        await using var demo = await DemoScenario.StartAsync(fixture);
        var complaint = Assert.Single(await UnreadAsync(demo, "3002"));

        var first = await MarkReadAsync(demo, "3002", complaint.Id);
        var again = await MarkReadAsync(demo, "3002", complaint.Id);

        Assert.True(first && again);
        Assert.Equal(("feedback", "quality", false), (complaint.Kind, complaint.Department, complaint.Read));
        Assert.Empty(await UnreadAsync(demo, "3002"));
        Assert.True(Assert.Single(await demo.NotificationsOfAsync("3002")).Read);
        Assert.Empty(await demo.NotificationsOfAsync("1001"));
        Assert.Empty(await demo.NotificationsOfAsync("admin", "Admin"));
        Assert.False(await MarkReadAsync(demo, "1001", complaint.Id));
    }
}
