// The demo mailboxes: realistic, varied messages on reserved domains (.test, example.com).
// Each template is written for two personas (variant 0 and 1), so two users never share an inbox,
// and each owner gets a different selection of templates.

export type Persona = {
  /** The owner's first name, as correspondents greet them. */
  first: string;
  email: string;
  /** 0 or 1: which of the two worlds (employer, friends, bank, trips) the owner lives in. */
  variant: 0 | 1;
};

export type SeedMessage = {
  fromName: string;
  fromAddress: string;
  subject: string;
  body: string;
  /** Hours before the seed's base time. */
  hoursAgo: number;
  unread: boolean;
};

type Template = (p: Persona, pick: <T>(a: T, b: T) => T) => SeedMessage;

const paragraphs = (...lines: string[]): string => lines.join("\n\n");

export const inboxTemplates: readonly Template[] = [
  (p, pick) => ({
    fromName: pick("Priya Raman", "Marcus Feld"),
    fromAddress: pick("priya.raman@northwind.example.com", "marcus.feld@contoso.example.com"),
    subject: pick("Q4 roadmap: draft for Thursday's review", "Migration plan for the billing service"),
    body: paragraphs(
      `Hi ${p.first},`,
      pick(
        "I've put a first draft of the Q4 roadmap in the shared folder. The big open question is whether we ship the new onboarding flow before or after the holiday freeze; I've written up both options with rough estimates.",
        "Attached is the plan for moving billing off the old cluster. The short version: we run both side by side for two weeks, compare invoices nightly, then switch the DNS on a Tuesday morning when traffic is lowest.",
      ),
      "Could you take a look before Thursday and leave comments directly in the doc? I'd especially like your view on the risks section, which still feels thin.",
      pick("Thanks!\nPriya", "Cheers,\nMarcus"),
    ),
    hoursAgo: 3,
    unread: true,
  }),
  (p, pick) => ({
    fromName: pick("Lakeside Bank", "Harbor Credit Union"),
    fromAddress: pick("statements@lakesidebank.test", "notices@harborcu.test"),
    subject: "Your monthly statement is ready",
    body: paragraphs(
      `Dear ${p.first},`,
      `Your statement for the account ending in ${pick("4821", "0937")} is now available in online banking. For your security, we never include account details or links to sign in in our emails.`,
      "To view it, open the app or type our address into your browser yourself. If you did not expect this message, please call the number on the back of your card.",
      pick("Lakeside Bank, Customer Care", "Harbor Credit Union, Member Services"),
    ),
    hoursAgo: 20,
    unread: true,
  }),
  (p, pick) => ({
    fromName: "Skyline Air",
    fromAddress: "bookings@skylineair.test",
    subject: pick("Booking confirmed: Paris CDG → Lisbon LIS, 12 Dec", "Booking confirmed: Boston BOS → Montréal YUL, 9 Dec"),
    body: paragraphs(
      `Hello ${p.first},`,
      `Thank you for flying with Skyline Air. Your booking reference is ${pick("QX7T4M", "HB92KD")}.`,
      pick(
        "Flight SK 412, departing Paris Charles de Gaulle (Terminal 2E) at 07:45 and arriving in Lisbon at 09:20 local time. Seat 14A, one cabin bag included.",
        "Flight SK 238, departing Boston Logan (Terminal B) at 16:10 and arriving in Montréal-Trudeau at 17:35 local time. Seat 22C, one checked bag included.",
      ),
      "Online check-in opens 30 hours before departure. Please make sure the name on your booking matches your travel document exactly.",
      "Have a pleasant trip,\nThe Skyline Air team",
    ),
    hoursAgo: 46,
    unread: false,
  }),
  (_p, pick) => ({
    fromName: "CodeHub",
    fromAddress: "notifications@codehub.test",
    subject: pick(
      "[labmail/oauth-flow-lab] Add PKCE to the token endpoint (PR #42)",
      "[labmail/mail-api] Flaky test in pagination suite (Issue #17)",
    ),
    body: paragraphs(
      pick("@jdoe requested your review on this pull request.", "@kwong mentioned you in an issue you are watching."),
      pick(
        "This PR rejects authorization codes redeemed without a code_verifier and adds tests for the S256 transformation from RFC 7636 Appendix B. The plain method is no longer accepted.",
        "The keyset pagination test fails roughly one run in twenty on CI. It looks like two messages share the same received_at and the order between them is not defined. Could the id be used as a tie-breaker?",
      ),
      `You are receiving this because ${pick("your review was requested", "you were mentioned")}.\nReply to this email directly or view it on CodeHub.`,
    ),
    hoursAgo: 5,
    unread: true,
  }),
  (p, pick) => ({
    fromName: pick("Sam Okafor", "Jenny Park"),
    fromAddress: pick("sam.okafor@mailbox.test", "jenny.park@postbox.test"),
    subject: pick("Hike on Saturday?", "Board game night at ours, Friday"),
    body: paragraphs(
      `Hey ${p.first}!`,
      pick(
        "The forecast finally looks dry for Saturday. I was thinking of the ridge trail from the old mill: about 14 km, a good climb at the start and then mostly flat with views the whole way.",
        "We finally unpacked the games after the move, so we're doing a board game night on Friday from 7. Bring whatever you like to play; I've been dying to try that new cooperative one.",
      ),
      pick(
        "If you're in, I can pick you up around 8. Bring lunch, I'll bring the thermos of coffee.",
        "There'll be pizza. Let me know if you're coming so we know how much to order!",
      ),
      pick("Sam", "Jenny"),
    ),
    hoursAgo: 28,
    unread: true,
  }),
  (_p, pick) => ({
    fromName: "Calendar",
    fromAddress: pick("calendar@northwind.example.com", "calendar@contoso.example.com"),
    subject: pick("Invitation: Sprint planning @ Mon 09:30 – 10:30", "Invitation: Architecture review @ Wed 14:00 – 15:00"),
    body: paragraphs(
      `${pick("Priya Raman", "Marcus Feld")} has invited you to an event.`,
      pick(
        "Sprint planning\nMonday, 09:30 – 10:30 (CET)\nWhere: Room 3.12 and video call\nOrganizer: priya.raman@northwind.example.com",
        "Architecture review: billing migration\nWednesday, 14:00 – 15:00 (EST)\nWhere: video call\nOrganizer: marcus.feld@contoso.example.com",
      ),
      "Agenda: review last sprint, pick the goals for the next one, assign owners. Please add topics to the meeting notes beforehand.",
      "Going? Yes – Maybe – No",
    ),
    hoursAgo: 30,
    unread: false,
  }),
  (p, pick) => ({
    fromName: "The Weekly Byte",
    fromAddress: "newsletter@weeklybyte.example.com",
    subject: pick("The Weekly Byte #187: passkeys go mainstream", "The Weekly Byte #188: what's new in HTTP caching"),
    body: paragraphs(
      `Hi ${p.first}, here's what happened this week.`,
      pick(
        "1. Passkeys go mainstream. Three large providers now offer them by default at sign-up. We look at what that means for password reset flows.\n2. Why short-lived tokens beat long-lived ones, even with refresh.\n3. A gentle introduction to JSON Web Key Sets.",
        "1. What's new in HTTP caching: a tour of Cache-Control directives, and why no-store matters for personal data.\n2. Structured fields, explained with examples.\n3. Rate limiting at the edge without surprising your users.",
      ),
      "Enjoy the read, and see you next week.\n\nYou're receiving this because you subscribed at weeklybyte.example.com. Unsubscribe any time.",
    ),
    hoursAgo: 52,
    unread: false,
  }),
  (p, pick) => ({
    fromName: "LabMail Security",
    fromAddress: "no-reply@labmail.test",
    subject: "A new app was connected to your account",
    body: paragraphs(
      `Hi ${p.first},`,
      `The app "Dashboard" was granted access to your LabMail account (${p.email}) on ${pick("Tuesday", "Monday")}. It can read your mail and may send mail on your behalf, as you agreed on the consent screen.`,
      "If this was you, there's nothing to do. If not, revoke the app's access in your account settings and change your password.",
      "The LabMail team",
    ),
    hoursAgo: 70,
    unread: false,
  }),
  (p, pick) => ({
    fromName: "Parcelpoint",
    fromAddress: "tracking@parcelpoint.test",
    subject: pick("Your parcel is on its way", "Delivery attempted: we'll try again tomorrow"),
    body: paragraphs(
      `Hello ${p.first},`,
      pick(
        "Good news: your parcel (tracking number PP 5531 0942 18) left our sorting centre this morning and should arrive on Thursday between 10:00 and 14:00.",
        "We tried to deliver your parcel (tracking number PP 7720 1183 55) today but nobody was home. We'll try again tomorrow, or you can collect it from the pickup point on Elm Street after 16:00.",
      ),
      "You can change the delivery date or choose a pickup point from the tracking page.",
      "Parcelpoint",
    ),
    hoursAgo: 9,
    unread: true,
  }),
  (p, pick) => ({
    fromName: pick("Simmer", "Greenfield Farm Box"),
    fromAddress: pick("hello@simmer.example.com", "box@greenfield.example.com"),
    subject: pick("5 weeknight dinners in 30 minutes or less", "What's in your box this week: squash, kale and pears"),
    body: paragraphs(
      `Hi ${p.first},`,
      pick(
        "This week: a one-pan lemon chicken, a chickpea curry that tastes better the next day, a quick miso noodle soup, sheet-pan gnocchi, and a Friday-night fried rice that uses up whatever is left in the fridge.",
        "Autumn is here: this week's box has butternut squash, curly kale, red onions, Conference pears and a bag of new-season apples. Our recipe card shows a roasted squash and kale salad with a maple dressing.",
      ),
      "Happy cooking!",
    ),
    hoursAgo: 76,
    unread: false,
  }),
  (p, pick) => ({
    fromName: pick("City Power & Light", "Metro Water"),
    fromAddress: pick("billing@citypower.test", "accounts@metrowater.test"),
    subject: "Your bill is available",
    body: paragraphs(
      `Dear ${p.first},`,
      `Your latest bill of ${pick("€64.20", "$41.75")} is available in your online account. It will be collected by direct debit on the 28th.`,
      pick(
        "Tip: your usage this month was 8% lower than the same month last year. Nice work!",
        "Tip: a dripping tap can waste more than 5,000 litres a year. Our website has a short guide to fixing one.",
      ),
      "This is an automated message; please do not reply.",
    ),
    hoursAgo: 100,
    unread: false,
  }),
  (p, pick) => ({
    fromName: pick("Riverside Medical Practice", "Dr. Elena Costa's office"),
    fromAddress: pick("appointments@riverside-medical.test", "frontdesk@costa-dental.test"),
    subject: "Appointment reminder",
    body: paragraphs(
      `Hello ${p.first},`,
      pick(
        "This is a reminder of your appointment with Dr. Hughes on Tuesday at 08:40.",
        "This is a reminder of your check-up with Dr. Costa on Thursday at 17:15.",
      ),
      "Please arrive 10 minutes early. If you can't make it, let us know at least 24 hours in advance so we can offer the slot to someone else.",
      "Kind regards,\nReception",
    ),
    hoursAgo: 26,
    unread: true,
  }),
  (p, pick) => ({
    fromName: pick("Northwind People Team", "Contoso HR"),
    fromAddress: pick("people@northwind.example.com", "hr@contoso.example.com"),
    subject: "Reminder: benefits enrollment closes Friday",
    body: paragraphs(
      `Hi ${p.first},`,
      "A quick reminder that open enrollment for next year's benefits closes this Friday at 17:00. If you don't make any changes, your current choices carry over.",
      "New this year: a second dental plan option and an increased learning budget. The details are on the intranet, and we're holding a Q&A session on Wednesday at noon.",
      pick("The People Team", "Human Resources"),
    ),
    hoursAgo: 124,
    unread: false,
  }),
  (p, pick) => ({
    fromName: pick("Mum", "Dad"),
    fromAddress: pick("helen.martin@family.test", "tuan.nguyen@family.test"),
    subject: pick("Photos from Sunday", "The garden, and a question about Christmas"),
    body: paragraphs(
      pick(`Hello darling,`, `Hi ${p.first},`),
      pick(
        "It was so lovely to have everyone round on Sunday. I've finally worked out how to share the photos: there's a nice one of you and your cousin by the apple tree.",
        "The tomatoes are finally done for the year, and I've dug over the beds for the winter. Your mother says hello.",
      ),
      pick(
        "Give me a call when you have a moment, no rush.",
        "Are you coming home for Christmas this year? We need to know soon-ish about the train tickets.",
      ),
      pick("Lots of love,\nMum", "Dad"),
    ),
    hoursAgo: 150,
    unread: true,
  }),
  (p, pick) => ({
    fromName: pick("StreamBox", "Tunely"),
    fromAddress: pick("account@streambox.example.com", "billing@tunely.example.com"),
    subject: "Your subscription renews in 7 days",
    body: paragraphs(
      `Hi ${p.first},`,
      `Just a heads-up: your ${pick("StreamBox Standard", "Tunely Premium")} plan renews on the 1st for ${pick("€11.99", "$10.99")}. No action is needed to keep watching and listening.`,
      "You can change or cancel your plan any time from your account page.",
    ),
    hoursAgo: 170,
    unread: false,
  }),
  (p, pick) => ({
    fromName: pick("Dana Whitfield", "Omar Haddad"),
    fromAddress: pick("dana@brightpath-talent.test", "omar.haddad@talentbridge.test"),
    subject: pick("Staff engineer role, fully remote", "Quick question about your platform experience"),
    body: paragraphs(
      `Hi ${p.first},`,
      pick(
        "I came across your talk on API security and thought you might be interested in a staff engineer role at a fintech company I'm working with. They're building their identity platform from scratch.",
        "I'm working with a logistics company that's rebuilding its internal platform and I think your background would be a great fit. The team is small and the role is hybrid, two days a week in the office.",
      ),
      "Would you be open to a 20-minute chat next week? No pressure at all if the timing isn't right.",
      pick("Best,\nDana", "Kind regards,\nOmar"),
    ),
    hoursAgo: 198,
    unread: false,
  }),
  (p, pick) => ({
    fromName: pick("Central Library", "Eastside Public Library"),
    fromAddress: pick("loans@centrallibrary.test", "circulation@eastside-library.test"),
    subject: "Items due soon",
    body: paragraphs(
      `Dear ${p.first},`,
      pick(
        'The following items are due back on Monday:\n- "The Pragmatic Programmer"\n- "A Year in Provence"',
        'The following item is due back on Wednesday:\n- "Designing Data-Intensive Applications"',
      ),
      "You can renew online up to three times, unless someone else has reserved the item.",
    ),
    hoursAgo: 222,
    unread: false,
  }),
  (p, pick) => ({
    fromName: pick("Priya Raman", "Marcus Feld"),
    fromAddress: pick("priya.raman@northwind.example.com", "marcus.feld@contoso.example.com"),
    subject: pick("Re: lunch Thursday?", "Re: incident notes from the weekend"),
    body: paragraphs(
      `${p.first},`,
      pick(
        "Thursday works. The new ramen place on the corner opened last week; shall we try it? I can book for 12:30.",
        "Thanks for writing these up. I added a timeline from the pager alerts; the root cause section is spot on. Let's go through the follow-up actions in Monday's standup.",
      ),
      pick("P.", "M."),
    ),
    hoursAgo: 250,
    unread: false,
  }),
  (_p, pick) => ({
    fromName: "CodeHub",
    fromAddress: "notifications@codehub.test",
    subject: pick("[labmail/oauth-flow-lab] CI failed on main", "[labmail/mail-api] Release v1.4.0 published"),
    body: paragraphs(
      pick(
        'The workflow "unit tests" failed for commit 3f9c2e1 on branch main.\n\nFailing job: test (node 20)\nStep: npm run test:unit\n  ✖ token endpoint rejects a reused authorization code',
        "A new release was published by @kwong.\n\nv1.4.0\n- Keyset pagination for the message list\n- insufficient_scope responses now name the missing scope\n- Bearer tokens in query strings are rejected",
      ),
      `You are receiving this because you are watching this repository.`,
    ),
    hoursAgo: 290,
    unread: pick(true, false),
  }),
  (p, pick) => ({
    fromName: pick("Hotel Miradouro", "Auberge du Vieux-Port"),
    fromAddress: pick("reservations@miradouro-hotel.test", "reservations@aubergevp.test"),
    subject: "Your reservation is confirmed",
    body: paragraphs(
      `Dear ${p.first},`,
      pick(
        "We are delighted to confirm your stay from 12 to 15 December: a double room with a view over the river, breakfast included. Check-in is from 15:00.",
        "We are delighted to confirm your stay from 9 to 11 December: a queen room in the old building, breakfast included. Check-in is from 16:00.",
      ),
      "If you would like us to arrange an airport transfer or a table at our restaurant, simply reply to this email.",
      "We look forward to welcoming you.",
    ),
    hoursAgo: 320,
    unread: false,
  }),
  (p, pick) => ({
    fromName: pick("OpenSec Conf", "Cloud Native Days"),
    fromAddress: pick("speakers@opensecconf.example.com", "tickets@cloudnativedays.example.com"),
    subject: pick("Your talk was accepted!", "Last chance for early-bird tickets"),
    body: paragraphs(
      `Hi ${p.first},`,
      pick(
        'Congratulations: the programme committee accepted your talk "OAuth without the magic". You have a 30-minute slot on day two. We\'ll send speaker instructions and the travel reimbursement form next week.',
        "Early-bird pricing ends on Sunday at midnight. This year's programme includes two days of talks, hands-on workshops on service meshes and a hallway track with very good coffee.",
      ),
      pick("See you there!\nThe OpenSec programme committee", "Cloud Native Days team"),
    ),
    hoursAgo: 380,
    unread: pick(false, true),
  }),
  (p, pick) => ({
    fromName: pick("Peak Fitness", "Harbor Yoga Studio"),
    fromAddress: pick("members@peakfitness.test", "hello@harboryoga.test"),
    subject: "Changes to the class timetable",
    body: paragraphs(
      `Hi ${p.first},`,
      pick(
        "From next month, the Tuesday evening spin class moves from 18:00 to 18:30, and we're adding a Saturday morning strength session at 09:00.",
        "From next week, the Thursday evening flow class moves to the larger studio, and we're adding a gentle Sunday morning class at 10:00.",
      ),
      "Book through the app as usual. See you soon!",
    ),
    hoursAgo: 440,
    unread: false,
  }),
  (p, pick) => ({
    fromName: pick("Sam Okafor", "Jenny Park"),
    fromAddress: pick("sam.okafor@mailbox.test", "jenny.park@postbox.test"),
    subject: pick("That podcast I mentioned", "Recipe you asked for"),
    body: paragraphs(
      `${p.first}!`,
      pick(
        "Here's the podcast episode I couldn't stop talking about: the one on how the early web got its security model. The bit about cookies and same-origin is fascinating.",
        "Here's the dumpling recipe. The secret is to let the dough rest for a full hour, and to pleat more than you think you need to.",
      ),
      pick("Talk soon,\nSam", "Enjoy!\nJ."),
    ),
    hoursAgo: 480,
    unread: false,
  }),
];

/** Messages the owner sent earlier: their "sent" folder, which also shows their own name and address. */
export const sentTemplates: readonly ((
  p: Persona,
  pick: <T>(a: T, b: T) => T,
) => Omit<SeedMessage, "fromName" | "fromAddress"> & { to: string })[] = [
  (p, pick) => ({
    to: pick("sam.okafor@mailbox.test", "jenny.park@postbox.test"),
    subject: pick("Re: Hike on Saturday?", "Re: Board game night at ours, Friday"),
    body: paragraphs(pick("Count me in! 8 is perfect.", "We'll be there, and we'll bring snacks."), p.first),
    hoursAgo: 27,
    unread: false,
  }),
  (p, pick) => ({
    to: pick("priya.raman@northwind.example.com", "marcus.feld@contoso.example.com"),
    subject: pick("Re: Q4 roadmap: draft for Thursday's review", "Re: Migration plan for the billing service"),
    body: paragraphs("Thanks, I'll read it tonight and leave comments in the doc.", p.first),
    hoursAgo: 2,
    unread: false,
  }),
];
