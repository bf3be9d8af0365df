using ContactCenter.TestKit;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>The head's call-list page and the dispatcher's page in headless Chromium.</summary>
[Collection(WebCollection.Name)]
[Trait("Category", "Interop")]
public sealed class HeadAndDispatchPagesTests(CrmDatabaseFixture database, BrowserFixture browser)
{
    [Fact]
    public async Task HeadCreatesListByHand_ItIsListedWithItsProgress()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        var page = await rig.SignInAsync("3001", "pw3001", "desk.html");
        await page.ClickAsync("header nav a[href='/calllists.html']");
        await WebRig.WaitReadyAsync(page);

        await page.ClickAsync("#create button[type=submit]");
        await Expect(page.Locator("[data-error-for=name]")).Not.ToBeEmptyAsync();
        await page.FillAsync("#name", "Kefir promotion");
        await page.SelectOptionAsync("#purpose", "sales-warm");
        await page.CheckAsync("input.operator[value='1001']");
        await page.FillAsync("#numbers", "+7 495 100-00-03\n8 495 100-00-05");
        await page.ClickAsync("#create button[type=submit]");

        await Expect(page.Locator("#banner")).ToContainTextAsync("created with 2 call(s)");
        await Expect(page.Locator("#lists tr[data-list] .name").First).ToHaveTextAsync("Kefir promotion");
        await Expect(page.Locator("#progress-summary")).ToContainTextAsync("2 calls: 2 to do");
        await Expect(page.Locator("#tasks tr[data-task]")).ToHaveCountAsync(2);
        await Screenshots.SaveAsync(page, "call-lists-head");
    }

    [Fact]
    public async Task HeadWritesASurvey_ABadChoiceIsMarkedOnItsRow_TheListCarriesTheQuestions()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        var page = await rig.SignInAsync("3001", "pw3001", "desk.html");
        await page.ClickAsync("header nav a[href='/calllists.html']");
        await WebRig.WaitReadyAsync(page);
        await page.FillAsync("#name", "Butter survey");
        await page.SelectOptionAsync("#purpose", "survey");
        await page.CheckAsync("input.operator[value='1002']");
        await page.FillAsync("#numbers", "84951000002");

        await page.ClickAsync("#add-question");
        await page.FillAsync("#questions .question:nth-child(1) .q-text", "Interested in the butter promo?");
        await page.ClickAsync("#add-question");
        await page.FillAsync("#questions .question:nth-child(2) .q-text", "Preferred pack");
        await page.SelectOptionAsync("#questions .question:nth-child(2) .q-kind", "choice");
        await page.FillAsync("#questions .question:nth-child(2) .q-choices", "180 g");
        await page.ClickAsync("#add-question");
        await page.ClickAsync("#questions .question:nth-child(3) .q-remove"); // an empty third row, removed again
        await page.ClickAsync("#create button[type=submit]");

        await Expect(page.Locator("[data-error-for='questions[1].choices']")).ToContainTextAsync("2 to 20 different choices");
        await Expect(page.Locator("[data-error-for='questions[0].text']")).ToBeEmptyAsync();
        await page.FillAsync("#questions .question:nth-child(2) .q-choices", "180 g, 500 g");
        await Screenshots.SaveAsync(page, "call-lists-survey");
        await page.ClickAsync("#create button[type=submit]");

        await Expect(page.Locator("#banner")).ToContainTextAsync("created with 1 call(s) and 2 survey question(s)");
        await Expect(page.Locator("#answers")).ToContainTextAsync("1. Interested in the butter promo?");
        await Expect(page.Locator("#answers")).ToContainTextAsync("2. Preferred pack");
        await Expect(page.Locator("#questions .question")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task DispatcherCallsConsigneeAndRecordsTheOutcome_TheDeliveryShowsIt()
    {
        await using var rig = await WebRig.StartAsync(database, browser);
        await rig.AddPhoneAsync("5001", "agent-answer.xml");
        var carrier = rig.CarrierAnswersAsync();
        var page = await rig.SignInAsync("5001", "pw5001", "desk.html");
        await page.ClickAsync("header nav a[href='/dispatch.html']");
        await WebRig.WaitReadyAsync(page);
        var row = page.Locator("#deliveries tr[data-delivery]").First;

        await row.Locator("button.call").ClickAsync();
        await Expect(page.Locator("#banner")).ToContainTextAsync("your phone (5001) rings first");
        await page.SelectOptionAsync("#outcome-kind", "rescheduled");
        await page.ClickAsync("#outcome button[type=submit]");
        await Expect(page.Locator("[data-error-for=newDate]")).Not.ToBeEmptyAsync();
        await page.SelectOptionAsync("#outcome-kind", "notified");
        await page.FillAsync("#notes", "arrival confirmed with the storekeeper");
        await page.ClickAsync("#outcome button[type=submit]");

        await Expect(page.Locator("#outcome-banner")).ToContainTextAsync("Outcome recorded.");
        await Expect(page.Locator("#deliveries tr[data-delivery]").First.Locator(".status")).ToHaveTextAsync("Notified");
        await Expect(page.Locator("#deliveries tr[data-delivery]").First).ToContainTextAsync("arrival confirmed with the storekeeper");
        await Screenshots.SaveAsync(page, "dispatch");
        // The consignee's side may still be ringing when the page is done: end the call and let the carrier finish either way.
        await rig.HangUpAllAsync();
        await carrier;
    }
}
