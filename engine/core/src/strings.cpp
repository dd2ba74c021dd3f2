// SPDX-License-Identifier: GPL-3.0-or-later
// The one da/en string table: the program's, the overlay's and the export page's words. Keys are ASCII;
// Danish is the source of truth, English may be empty (then Danish is shown).
#include <overum/core/strings.h>

#include <algorithm>
#include <array>
#include <atomic>

namespace overum {
namespace {

struct Entry {
  std::string_view key;
  std::string_view da;
  std::string_view en;
};

// Keep sorted by key: lookup is a binary search.
constexpr std::array kEntries = std::to_array<Entry>({
    {"app.cannot_start", "Øverum kunne ikke starte", "Øverum could not start"},
    {"app.fallback.desktop", "Intet VR-headset fundet ({}); starter i vindue på skærmen.",
     "No VR headset found ({}); starting in a desktop window."},
    {"app.fallback.headless", "Ingen skærm fundet ({}); tegner mødelokalet til billedfiler i stedet.",
     "No display found ({}); rendering the meeting room to image files instead."},
    {"app.headless.wrote", "Billeder af mødelokalet er gemt i {}", "Pictures of the meeting room were saved in {}"},
    {"app.library_log", "Tekniske beskeder fra bibliotekerne (OpenXR, lyd, grafik) står i {}",
     "Technical messages from the libraries (OpenXR, sound, graphics) are in {}"},
    {"app.mode.desktop", "Mødet vises i et vindue på skærmen. F1 viser tasterne.",
     "The meeting is shown in a window on the screen. F1 shows the keys."},
    {"app.mode.xr", "Headset fundet: mødet vises i headsettet.", "Headset found: the meeting is shown in the headset."},
    {"app.title", "Øverum – øverum til møder", "Øverum – practice room for meetings"},
    {"common.cancel", "Annullér", "Cancel"},
    {"common.done", "Færdig", "Done"},
    {"common.pause", "Pause", "Pause"},
    {"common.resume", "Fortsæt", "Resume"},
    {"console.ask_suds", "Spørg: Hvor urolig er du?", "Ask: How uneasy are you?"},
    {"console.bookmark", "Bogmærke", "Bookmark"},
    {"console.bookmark.row", "Bogmærke", "Bookmark"},
    {"console.character.looks_at", "kigger på", "looks at"},
    {"console.character.speaking", "(taler)", "(speaking)"},
    {"console.characters", "Personerne", "The characters"},
    {"console.consent", "Samtykke", "Consent"},
    {"console.consent.audio", "Optag lyd af det, jeg siger", "Record audio of what I say"},
    {"console.consent.citizen", "Borger: {}", "Citizen: {}"},
    {"console.consent.explain",
     "Det, du skriver og siger her, er dit. Øverum gemmer kun det, du siger ja til herunder – hvert valg for sig. Det "
     "gemmes krypteret på denne computer og sendes ikke nogen steder hen. Det bliver liggende, til forløbet er slut, "
     "eller til du beder om at få det slettet. Lyd bliver ikke optaget, medmindre du vælger det.",
     "What you write and say here is yours. Øverum keeps only what you say yes to below – each choice on its own. It "
     "is stored encrypted on this computer and is not sent anywhere. It stays until the course ends, or until you ask "
     "for it to be deleted. Audio is not recorded unless you choose it."},
    {"console.consent.no_citizen",
     "Der gemmes intet: ingen borger er valgt (start Øverum med --citizen og et kaldenavn).",
     "Nothing is kept: no citizen is chosen (start Øverum with --citizen and a pseudonym)."},
    {"console.consent.notes", "Gem facilitatorens noter fra mødet", "Keep the facilitator's notes from the meeting"},
    {"console.consent.statement", "Gem mit statement", "Save my statement"},
    {"console.consent.withdraw", "Træk samtykke tilbage og slet alt", "Withdraw consent and delete everything"},
    {"console.consent.withdraw_explain", "Du kan altid fortryde. Ét klik sletter alt, hvad der er gemt om dig.",
     "You can always change your mind. One click deletes everything stored about you."},
    {"console.controls", "Styring", "Controls"},
    {"console.difficulty", "Sværhedsgrad", "Difficulty"},
    {"console.difficulty.down", "Lettere", "Easier"},
    {"console.difficulty.neutral", "Neutral", "Neutral"},
    {"console.difficulty.presset", "Presset", "Pressured"},
    {"console.difficulty.stoettende", "Støttende", "Supportive"},
    {"console.difficulty.up", "Sværere", "Harder"},
    {"console.end", "Afslut mødet", "End the meeting"},
    {"console.export", "Borgerens egen kopi", "The citizen's own copy"},
    {"console.export.again", "Samme kodeord igen", "The same password again"},
    {"console.export.differ", "De to kodeord er ikke ens.", "The two passwords differ."},
    {"console.export.done", "Siden er gemt: {}. Giv den til borgeren sammen med kodeordet – hver for sig.",
     "The page is saved: {}. Give it to the citizen with the password – separately."},
    {"console.export.explain",
     "Alt, hvad der er gemt om borgeren, som én side, der åbnes i en browser med et kodeord, borgeren vælger. Siden "
     "gemmes i mappen Dokumenter.",
     "Everything kept about the citizen as one page, opened in a browser with a password the citizen chooses. The page "
     "is saved in the Documents folder."},
    {"console.export.password", "Kodeord (mindst 8 tegn)", "Password (at least 8 characters)"},
    {"console.export.short", "Kodeordet skal have mindst 8 tegn.", "The password needs at least 8 characters."},
    {"console.export.write", "Gem siden", "Save the page"},
    {"console.feedback", "Feedback til borgeren", "Feedback for the citizen"},
    {"console.feedback.explain",
     "Det her ser borgeren i det rolige rum: først det, der gik godt, så én ting at prøve næste gang. Fjern fluebenet "
     "ved en sætning for at skjule den, eller skriv den med dine egne ord.",
     "The citizen sees this in the calm room: first what went well, then one thing to try next time. Untick a sentence "
     "to hide it, or put it in your own words."},
    {"console.feedback.show", "Vis for borgeren", "Show to the citizen"},
    {"console.feedback.shown", "Borgeren kan se det nu:", "The citizen can see it now:"},
    {"console.feedback.try", "Næste gang:", "Next time:"},
    {"console.finish_turn", "Borgeren er færdig", "The citizen is done"},
    {"console.gesture.haand_op", "Hånd op", "Hand up"},
    {"console.gesture.kig_papirer", "Kig i papirer", "Look at papers"},
    {"console.gesture.laen_frem", "Læn frem", "Lean in"},
    {"console.gesture.laen_tilbage", "Læn tilbage", "Lean back"},
    {"console.gesture.nik", "Nik", "Nod"},
    {"console.gesture.ryst_hovedet", "Ryst på hovedet", "Shake head"},
    {"console.gesture.skriv_noter", "Skriv noter", "Take notes"},
    {"console.gesture.smil", "Smil", "Smile"},
    {"console.graph", "Mødets forløb", "The meeting's flow"},
    {"console.headset", "Headset:", "Headset:"},
    {"console.headset.focused", "fokuseret", "focused"},
    {"console.headset.lost", "mistet", "lost"},
    {"console.headset.not_worn", "ikke på", "not worn"},
    {"console.interjecting", "Din replik bliver sagt nu.", "Your line is being spoken now."},
    {"console.interrupted", "Et møde blev afbrudt", "A meeting was interrupted"},
    {"console.interrupted.close", "Luk det", "Close it"},
    {"console.interrupted.resume", "Fortsæt mødet", "Continue the meeting"},
    {"console.interrupted.where", "{} blev afbrudt ved \"{}\". Vil borgeren fortsætte, hvor de slap?",
     "{} was interrupted at \"{}\". Does the citizen want to carry on where they left off?"},
    {"console.jump_to", "Spring til det valgte punkt", "Jump to the chosen point"},
    {"console.look.bord", "bordet", "the table"},
    {"console.look.borger", "borgeren", "the citizen"},
    {"console.look.ingen", "ingen (kigger væk)", "nobody (looking away)"},
    {"console.mic", "Mikrofon:", "Microphone:"},
    {"console.mic.off", "slukket", "off"},
    {"console.mic.on", "tændt", "on"},
    {"console.mic.voice", "tændt – borgeren taler", "on – the citizen is speaking"},
    {"console.mirror", "Borgerens udsyn", "The citizen's view"},
    {"console.mood", "Humør", "Mood"},
    {"console.mood.bekymret", "Bekymret", "Worried"},
    {"console.mood.glad", "Glad", "Happy"},
    {"console.mood.irriteret", "Irriteret", "Irritated"},
    {"console.mood.neutral", "Neutral", "Neutral"},
    {"console.mood.travl", "Travl", "Busy"},
    {"console.mood.venlig", "Venlig", "Friendly"},
    {"console.no_meeting", "Intet møde er startet endnu.", "No meeting has started yet."},
    {"console.node.choose", "Vælg et punkt i listen.", "Choose a point in the list."},
    {"console.node.current", "nu", "now"},
    {"console.note.add", "Tilføj note", "Add note"},
    {"console.note.hint", "Skriv en note … (eller et navn til et bogmærke)",
     "Write a note … (or a name for a bookmark)"},
    {"console.note.share", "Del med borgeren", "Share with the citizen"},
    {"console.note.shared", "deles med borgeren", "shared with the citizen"},
    {"console.notes", "Noter og bogmærker", "Notes and bookmarks"},
    {"console.now", "Lige nu", "Right now"},
    {"console.option.unavailable", "ikke muligt nu", "not available now"},
    {"console.options", "Borgerens valg:", "The citizen's options:"},
    {"console.options.spoken", "Borgeren svarer med egne ord – klik det valg, der passer bedst.",
     "The citizen is answering in their own words – click the option that fits best."},
    {"console.path", "Vejen indtil nu", "The path so far"},
    {"console.path.empty", "Mødet er ikke begyndt.", "The meeting has not begun."},
    {"console.pause_here", "Pause her (alt står stille)", "Pause here (everything holds still)"},
    {"console.pause_room", "Til pauserummet", "To the pause room"},
    {"console.phase", "Fase:", "Phase:"},
    {"console.phase.choosing", "borgeren vælger", "the citizen chooses"},
    {"console.phase.ended", "slut", "ended"},
    {"console.phase.listening", "borgeren svarer", "the citizen answers"},
    {"console.phase.not_started", "ikke startet", "not started"},
    {"console.phase.paused", "i pauserummet", "in the pause room"},
    {"console.phase.speaking", "en person taler", "a character speaks"},
    {"console.phase.statement", "borgeren fremlægger sit statement", "the citizen presents the statement"},
    {"console.phase.waiting", "venter", "waiting"},
    {"console.privacy.active", "Privatliv: statementet er skjult.", "Privacy: the statement is hidden."},
    {"console.privacy.off", "Vis statement", "Show statement"},
    {"console.privacy.on", "Skjul statement", "Hide statement"},
    {"console.privacy.redacted", "[skjult]", "[hidden]"},
    {"console.progress", "Udvikling over sessionerne", "Progress over the sessions"},
    {"console.progress.none", "Der er endnu ingen tal fra borgerens sessioner.",
     "There are no figures from the citizen's sessions yet."},
    {"console.reminder", "Borgeren har haft headsettet på i {} minutter. Måske er det tid til en pause?",
     "The citizen has worn the headset for {} minutes. Perhaps it is time for a break?"},
    {"console.reminder.snooze", "Ikke nu", "Not now"},
    {"console.repeat_line", "Sig replikken igen", "Say the line again"},
    {"console.replay", "Se mødet igen", "Watch the meeting again"},
    {"console.replay.at", "{} af {}", "{} of {}"},
    {"console.replay.back", "10 s tilbage", "Back 10 s"},
    {"console.replay.explain",
     "Vis et af borgerens møder igen på borgerens skærm eller i brillerne: se det fra borgerens egen stol eller fra en "
     "af de andre stole ved bordet, og sæt på pause for at tale om det.",
     "Show one of the citizen's meetings again on their screen or in the headset: from their own chair or from across "
     "the table, and pause it to talk about it."},
    {"console.replay.forward", "10 s frem", "On 10 s"},
    {"console.replay.next", "Næste markering", "Next mark"},
    {"console.replay.none", "Der er ingen gemte møder, der kan ses igen.",
     "There are no kept meetings to watch again."},
    {"console.replay.pause", "Pause", "Pause"},
    {"console.replay.play", "Se igen", "Watch again"},
    {"console.replay.resume", "Afspil", "Play"},
    {"console.replay.seat.character", "Fra {} stol", "From {} chair"},
    {"console.replay.seat.citizen", "Fra borgerens stol", "From the citizen's chair"},
    {"console.replay.seat.steady", "Fra borgerens stol, stille", "From the citizen's chair, steady"},
    {"console.replay.speed", "Hastighed", "Speed"},
    {"console.replay.stop", "Afslut genafspilningen", "End the replay"},
    {"console.restart_from", "Start igen fra det valgte punkt", "Start again from the chosen point"},
    {"console.restart_here", "Start igen her", "Start again here"},
    {"console.say", "Sig en replik", "Say a line"},
    {"console.say.hint", "Skriv hvad personen skal sige …", "Type what the character should say …"},
    {"console.say.send", "Sig det", "Say it"},
    {"console.say.who", "Hvem", "Who"},
    {"console.setup.bisidder", "Bisidder med ved bordet", "A support person at the table"},
    {"console.setup.cast", "Hvem er med", "Who takes part"},
    {"console.setup.choose_first", "Vælg først et møde.", "Choose a meeting first."},
    {"console.setup.meeting", "Møde", "Meeting"},
    {"console.setup.no_meetings", "Der er ingen møder at vælge imellem.", "There are no meetings to choose from."},
    {"console.setup.start", "Start mødet", "Start the meeting"},
    {"console.skip_line", "Spring replikken over", "Skip the line"},
    {"console.statement", "Borgerens statement", "The citizen's statement"},
    {"console.statement.hidden", "Statementet er skjult (privatliv). Tryk »Vis statement« for at se det.",
     "The statement is hidden (privacy). Press »Show statement« to see it."},
    {"console.statement.name", "Navn:", "Name:"},
    {"console.statement.none", "Intet statement endnu.", "No statement yet."},
    {"console.storage.go_on", "Fortsæt uden at gemme", "Go on without keeping it"},
    {"console.tab.after", "Efter mødet", "After the meeting"},
    {"console.tab.before", "Før mødet", "Before the meeting"},
    {"console.tab.during", "Under mødet", "During the meeting"},
    {"console.time", "Tid", "Time"},
    {"console.time.headset", "Med headset på:", "Wearing the headset:"},
    {"console.time.meeting", "I mødet:", "In the meeting:"},
    {"console.timeline", "Tidslinje", "Timeline"},
    {"console.timeline.answer", "Svar", "Answer"},
    {"console.timeline.bookmark", "Bogmærke", "Bookmark"},
    {"console.timeline.choice", "Valg", "Choice"},
    {"console.timeline.detail", "Hvad", "What"},
    {"console.timeline.empty", "Der er ikke sket noget endnu.", "Nothing has happened yet."},
    {"console.timeline.ended", "Slut", "End"},
    {"console.timeline.facilitator", "Facilitator", "Facilitator"},
    {"console.timeline.hint", "Tip", "Hint"},
    {"console.timeline.lasted", "varede {}", "lasted {}"},
    {"console.timeline.line", "Replik", "Line"},
    {"console.timeline.node", "Del", "Part"},
    {"console.timeline.note", "Note", "Note"},
    {"console.timeline.pause", "Pause", "Pause"},
    {"console.timeline.show_lines", "Vis alle replikker", "Show every line"},
    {"console.timeline.spoke", "talte i {} af {}", "spoke for {} of {}"},
    {"console.timeline.statement", "Statement", "Statement"},
    {"console.timeline.summary", "Borgeren talte i alt i {}. Gange med ordet: {}. Pauser: {}.",
     "The citizen spoke for {} in all. Turns: {}. Pauses: {}."},
    {"console.timeline.what", "Type", "Kind"},
    {"console.timeline.when", "Tid", "Time"},
    {"data.ask.audio", "Må Øverum optage lyd af det, du siger? (j/n)",
     "May Øverum record audio of what you say? (y/n)"},
    {"data.ask.notes", "Må Øverum gemme facilitatorens noter og et forløb af mødet? (j/n)",
     "May Øverum keep the facilitator's notes and a timeline of the meeting? (y/n)"},
    {"data.ask.statement", "Må Øverum gemme dit statement til næste gang? (j/n)",
     "May Øverum save your statement for next time? (y/n)"},
    {"data.erase.ask",
     "Slet alt, hvad der er gemt om {}? Det kan ikke fortrydes. Kopier, der allerede er udleveret til borgeren, "
     "slettes ikke herfra. (j/n)",
     "Erase everything kept about {}? This cannot be undone. Copies already handed to the citizen are not erased from "
     "here. (y/n)"},
    {"data.erase.done",
     "Alt, hvad der var gemt om {}, er slettet (nøglen først). Kopier, der er udleveret til borgeren, er borgerens "
     "egne.",
     "Everything kept about {} is erased (the key first). Copies handed to the citizen are the citizen's own."},
    {"data.erase.not_confirmed", "ikke bekræftet; intet er slettet (--yes bekræfter uden at spørge)",
     "not confirmed; nothing was erased (--yes confirms without asking)"},
    {"data.kept_where", "Det gemmes krypteret her: {}", "It is kept encrypted here: {}"},
    {"data.no_answer", "Intet svar: der gemmes intet om borgeren. Brug --consent for at vælge uden spørgsmål.",
     "No answer: nothing about the citizen is stored. Use --consent to choose without being asked."},
    {"data.passphrase", "Facilitatorens kodeord til Øverums lås", "The facilitator's passphrase for Øverum's vault"},
    {"data.unfinished.answers", "fl", "rc"},
    {"data.unfinished.ask", "Et møde ({}) blev afbrudt ved \"{}\". Fortsæt det (f) eller luk det (l)?",
     "A meeting ({}) was interrupted at \"{}\". Resume it (r) or close it (c)?"},
    {"data.unfinished.later", "Et afbrudt møde venter; vælg med --unfinished resume|close.",
     "An interrupted meeting is waiting; choose with --unfinished resume|close."},
    {"data.yes_no", "jn", "yn"},
    {"export.kind.answer", "Dit svar", "Your answer"},
    {"export.kind.choice", "Dit valg", "Your choice"},
    {"export.kind.end", "Slut", "End"},
    {"export.kind.feedback", "Det gik godt", "What went well"},
    {"export.kind.feedback_try", "Til næste gang", "For next time"},
    {"export.kind.line", "Replik", "Line"},
    {"export.kind.node", "Del af mødet", "Part of the meeting"},
    {"export.kind.note", "Facilitatorens note", "Facilitator's note"},
    {"export.kind.pause", "Pause", "Pause"},
    {"export.kind.resume", "Fortsat", "Resumed"},
    {"export.kind.start", "Start", "Start"},
    {"export.kind.statement", "Dit statement", "Your statement"},
    {"export.page.busy", "Åbner …", "Opening …"},
    {"export.page.download", "Hent alle data som JSON-fil", "Download all data as a JSON file"},
    {"export.page.intro",
     "Denne fil indeholder det, Øverum har gemt om dig. Den er låst med den adgangskode, du fik sammen med filen.",
     "This file holds what Øverum has stored about you. It is locked with the password you were given with it."},
    {"export.page.nocrypto",
     "Denne browser kan ikke åbne filen. Prøv en nyere udgave af Firefox, Chrome, Edge eller Safari.",
     "This browser cannot open the file. Please try a recent Firefox, Chrome, Edge or Safari."},
    {"export.page.noscript", "Slå JavaScript til for at åbne filen. Intet sendes nogen steder hen.",
     "Turn on JavaScript to open the file. Nothing is sent anywhere."},
    {"export.page.open", "Åbn", "Open"},
    {"export.page.password", "Adgangskode", "Password"},
    {"export.page.title", "Øverum – dine data", "Øverum – your data"},
    {"export.page.wrong", "Adgangskoden passer ikke. Prøv igen.", "That password does not fit. Please try again."},
    {"export.progress.intro",
     "Hver prik er en session, med datoen under. Tallene viser, hvordan det gik for dig – de er ikke en karakter.",
     "Each dot is a session, with its date below. The figures show how it went for you – they are not a grade."},
    {"export.progress.title", "Din udvikling", "Your progress"},
    {"export.report.citizen", "Dit borger-id", "Your citizen id"},
    {"export.report.exported", "Udtrukket", "Exported"},
    {"export.report.finished", "Afsluttet som normalt.", "Closed normally."},
    {"export.report.floor", "Du havde ordet i", "You had the floor for"},
    {"export.report.name", "Navn", "Name"},
    {"export.report.no_sessions", "Der er ikke gemt nogen sessioner.", "No sessions are stored."},
    {"export.report.no_statement", "Der er ikke gemt noget statement.", "No statement is stored."},
    {"export.report.other_files", "Andre gemte filer", "Other stored files"},
    {"export.report.problems", "Det kunne ikke læses", "What could not be read"},
    {"export.report.recordings", "Optagelser af det, du sagde", "Recordings of what you said"},
    {"export.report.session", "Session", "Session"},
    {"export.report.sessions", "Dine sessioner", "Your sessions"},
    {"export.report.statement", "Dit personlige statement", "Your personal statement"},
    {"export.report.text", "Tekst", "Text"},
    {"export.report.time", "Tid", "Time"},
    {"export.report.title", "Det, Øverum har gemt om dig", "What Øverum has stored about you"},
    {"export.report.unfinished", "Ikke afsluttet (fx afbrudt).", "Not closed (interrupted, for example)."},
    {"export.report.what", "Hvad", "What"},
    {"meeting.goodbye", "Så stopper vi her for i dag. Tak, fordi du kom.",
     "Let us stop here for today. Thank you for coming."},
    {"progress.after", "efter", "after"},
    {"progress.before", "før", "before"},
    {"progress.confidence", "Sikker på at sige det, der er vigtigt", "Confident to say what matters"},
    {"progress.latency", "Tid, før du begyndte at svare", "Time before you began to answer"},
    {"progress.parts", "Dele af dit statement, du fremlagde", "Parts of your statement you presented"},
    {"progress.single", "{}, {}: {} ({}). En kurve vises, når to sessioner har tal.",
     "{}, {}: {} ({}). A curve is shown once two sessions have figures."},
    {"progress.speech_rate", "Taletempo", "Speaking rate"},
    {"progress.statement", "Tid med dit statement", "Time on your statement"},
    {"progress.suds", "Uro", "Unease"},
    {"progress.unit.confidence", "0 = slet ikke sikker, 10 = helt sikker",
     "0 = not at all confident, 10 = fully confident"},
    {"progress.unit.parts", "dele, af 4", "parts, of 4"},
    {"progress.unit.seconds", "sekunder", "seconds"},
    {"progress.unit.suds", "0 = helt rolig, 10 = meget urolig", "0 = completely calm, 10 = very uneasy"},
    {"progress.unit.syllables", "stavelser pr. sekund", "syllables per second"},
    {"rating.comfort.high", "meget", "a lot"},
    {"rating.comfort.low", "slet ikke", "not at all"},
    {"rating.confidence.high", "helt sikker", "completely sure"},
    {"rating.confidence.low", "slet ikke sikker", "not at all sure"},
    {"rating.confidence.question", "Hvor sikker er du på at kunne sige det, der er vigtigt for dig?",
     "How sure are you that you can say what matters to you?"},
    {"rating.dizziness.question", "Er du svimmel lige nu?", "Do you feel dizzy right now?"},
    {"rating.eye_strain.question", "Er dine øjne trætte eller ømme?", "Are your eyes tired or sore?"},
    {"rating.nausea.question", "Har du kvalme lige nu?", "Do you feel sick right now?"},
    {"rating.suds.high", "meget urolig", "very uneasy"},
    {"rating.suds.low", "helt rolig", "completely calm"},
    {"rating.suds.question", "Hvor urolig er du lige nu?", "How uneasy are you right now?"},
    {"replay.cannot", "Mødet kan ikke afspilles igen: {}", "The meeting cannot be played again: {}"},
    {"replay.no_session",
     "Der er intet gemt møde \"{}\" for {}; se de gemte møder med \"overum data list\", eller brug --replay last",
     "There is no kept meeting \"{}\" for {}; see the kept meetings with \"overum data list\", or use --replay last"},
    {"replay.paused", "Genafspilning på pause  {} af {}  ·  hastighed {}  ·  {}",
     "Replay paused  {} of {}  ·  speed {}  ·  {}"},
    {"replay.playing", "Genafspilning  {} af {}  ·  hastighed {}  ·  {}", "Replay  {} of {}  ·  speed {}  ·  {}"},
    {"replay.scenario_changed",
     "Mødet \"{}\" er ændret, siden dette møde blev holdt, og der er ikke gemt en kopi af det, som det var; det kan "
     "ikke afspilles, som det gik",
     "The meeting \"{}\" has changed since this session was held, and no copy of it as it was is kept; it cannot be "
     "played as it went"},
    {"replay.seat.character", "fra {} stol", "from {} chair"},
    {"replay.seat.citizen", "fra din stol", "from your chair"},
    {"replay.seat.steady", "fra din stol, stille", "from your chair, steady"},
    {"statement.help", "Jeg vil gerne have hjælp til", "I would like help with"},
    {"statement.important", "Det er vigtigt for mig at…", "It is important to me that…"},
    {"statement.intro", "Sådan vil jeg introducere mig selv", "This is how I introduce myself"},
    {"statement.so_that", "Så jeg kan", "So that I can"},
    {"ui.done", "Færdig", "Done"},
    {"ui.done.key_desktop", "Enter", "Enter"},
    {"ui.done.key_vr", "aftrækkeren", "the trigger"},
    {"ui.end.title", "Mødet er slut", "The meeting is over"},
    {"ui.end.try_next", "Til næste gang", "For next time"},
    {"ui.end.well_done", "Det var godt, at du øvede dig.", "It was good that you practised."},
    {"ui.end.went_well", "Det gik godt", "What went well"},
    {"ui.end.what_now", "Nu taler du og facilitatoren om, hvordan det gik.",
     "Now you and the facilitator talk about how it went."},
    {"ui.held", "Pause – vi venter lidt", "Pause – we wait a moment"},
    {"ui.keys.card", "C: vis eller skjul dit statement", "C: show or hide your statement"},
    {"ui.keys.choose", "1–9 eller klik: vælg et svar", "1–9 or click: choose an answer"},
    {"ui.keys.done", "Enter: færdig med at tale", "Enter: done speaking"},
    {"ui.keys.help", "F1: vis eller skjul tasterne", "F1: show or hide the keys"},
    {"ui.keys.next_part", "→: næste del af dit statement", "→: the next part of your statement"},
    {"ui.keys.pause", "P: pause", "P: pause"},
    {"ui.keys.size", "+ og −: større eller mindre tekst", "+ and −: larger or smaller text"},
    {"ui.keys.title", "Tasterne", "The keys"},
    {"ui.listening", "Jeg lytter", "Listening"},
    {"ui.microphone_on", "Mikrofon tændt", "Microphone on"},
    {"ui.more_options", "Flere svar", "More answers"},
    {"ui.not_possible_now", "ikke muligt nu", "not possible now"},
    {"ui.pause.resume", "Tryk P for at fortsætte", "Press P to continue"},
    {"ui.pause.resume_vr", "Tryk på menuknappen for at fortsætte", "Press the menu button to continue"},
    {"ui.pause.title", "Pause", "Pause"},
    {"ui.question.keys", "Tal eller klik: svar · piletasterne og Enter · S: spring over",
     "A number or a click: answer · arrow keys and Enter · S: skip"},
    {"ui.question.keys_vr", "Peg og tryk på aftrækkeren, eller kig på et tal",
     "Point and pull the trigger, or look at a number"},
    {"ui.question.skip", "Spring over", "Skip"},
    {"ui.statement.title", "Mit statement", "My statement"},
    {"vault.citizen_key_damaged",
     "Nøglen til {} kan ikke bruges ({}), så borgerens filer kan ikke åbnes. Andre borgeres data er urørte, og intet "
     "er ændret. Gendan mappen {} fra en sikkerhedskopi, eller slet borgeren med 'overum data erase {}'.",
     "The key of {} cannot be used ({}), so the citizen's files cannot be opened. Other citizens' data is untouched "
     "and nothing was changed. Restore the folder {} from a backup, or erase the citizen with 'overum data erase {}'."},
    {"vault.consent_damaged", "samtykket er beskadiget; intet gemmes, før borgeren har svaret igen",
     "the consent record is damaged; nothing is kept until the citizen answers again"},
    {"vault.erase_failed",
     "Intet om {} blev slettet: {} fil(er) ligger stadig i {} ({}). Er disken skrivebeskyttet, eller mangler Øverum "
     "adgang? Ret det, og slet igen.",
     "Nothing about {} was erased: {} file(s) are still in {} ({}). Is the disk read-only, or does Øverum lack access? "
     "Fix that and erase again."},
    {"vault.erase_partial",
     "Nøglen til {} er slettet, så det gemte kan ikke længere læses, men {} fil(er) ligger stadig i {} ({}). Slet "
     "mappen, eller ret adgangen og slet igen.",
     "The key of {} is destroyed, so what was kept can no longer be read, but {} file(s) are still in {} ({}). Delete "
     "the folder, or fix access and erase again."},
    {"vault.file_damaged",
     "{} er beskadiget eller ændret uden for Øverum og blev ikke åbnet; borgerens andre filer er urørte.",
     "{} is damaged or was changed outside Øverum, so it was not opened; the citizen's other files are untouched."},
    {"vault.key_damaged",
     "Låsens nøglefil {} er beskadiget ({}). Intet er ændret, og borgernes filer er urørte; gendan nøglefilen fra en "
     "sikkerhedskopi.",
     "The vault's key file {} is damaged ({}). Nothing was changed and the citizens' files are untouched; restore the "
     "key file from a backup."},
    {"vault.key_missing",
     "Låsens nøglefil {} mangler, men der ligger borgerdata i {}. Øverum laver ikke en ny nøgle, for så kunne de data "
     "aldrig åbnes igen. Gendan vault.key fra en sikkerhedskopi; intet er ændret.",
     "The vault's key file {} is missing, but citizens' data is in {}. Øverum does not make a new key, as that data "
     "could then never be opened again. Restore vault.key from a backup; nothing was changed."},
    {"vault.key_unreadable",
     "Låsens nøglefil kan ikke læses ({}). Intet er ændret, og borgernes data er urørte. Giv brugeren, der kører "
     "Øverum, adgang til filen, eller gendan den fra en sikkerhedskopi.",
     "The vault's key file cannot be read ({}). Nothing was changed and the citizens' data is untouched. Give the user "
     "running Øverum access to the file, or restore it from a backup."},
    {"vault.locked",
     "{} er allerede åben i et andet Øverum ({}). Luk det først: to på én gang ville blande møderne sammen. Intet er "
     "ændret.",
     "{} is already open in another Øverum ({}). Close that first: two at once would mix the meetings up. Nothing was "
     "changed."},
    {"vault.meeting_not_kept",
     "Noget af mødet blev ikke gemt, fordi der ikke kunne skrives til disken; det gemte før fejlen er urørt ('overum "
     "data list' viser det).",
     "Part of the meeting was not kept, as the disk refused the writes; what was kept before the failure is untouched "
     "('overum data list' shows it)."},
    {"vault.not_kept",
     "Mødet kunne ikke gemmes ({}). Det, der blev gemt før, er urørt. Frigør plads, eller afslut mødet; fortsætter I, "
     "gemmes resten ikke.",
     "The meeting could not be kept ({}). What was kept before is untouched. Free some space, or end the meeting; if "
     "you go on, the rest is not kept."},
    {"vault.remove_failed", "{} kunne ikke slettes og ligger der stadig. Ret adgangen til mappen, og prøv igen.",
     "{} could not be removed and is still there. Fix access to the folder and try again."},
    {"vault.statement_set_aside",
     "Det gemte statement var beskadiget; det er lagt til side som {} (ikke slettet), og det nye er gemt.",
     "The saved statement was damaged; it was set aside as {} (not deleted), and the new one was saved."},
    {"vault.wrong_passphrase",
     "Forkert kodeord (eller nøglefilen er ændret uden for Øverum). Prøv igen; intet er ændret.",
     "Wrong passphrase (or the key file was changed outside Øverum). Try again; nothing was changed."},
    {"voices.fix_scenario", "Ret mødet (overum check viser det samme), og prøv igen.",
     "Fix the meeting (overum check shows the same) and try again."},
    {"voices.folder_unwritable",
     "{}: optagelserne kan ikke gemmes her ({}). Giv skriveadgang til mappen, eller vælg en anden med --out MAPPE.",
     "{}: recordings cannot be saved here ({}). Make the folder writable, or choose another with --out FOLDER."},
    {"voices.no_cast",
     "{} mangler: uden personerne i cast.json ved Øverum ikke, hvem der siger hvad (se overum help scenarier).",
     "{} is missing: without the characters in cast.json Øverum cannot tell who says what (see overum help "
     "scenarios)."},
    {"voices.no_character", "ingen person '{}' i {}; vælg en af: {}", "no character '{}' in {}; choose one of: {}"},
    {"voices.no_meeting", "intet møde '{}'; giv et mødes navn (overum voices status viser dem) eller dets mappe.",
     "no meeting '{}'; give a meeting's name (overum voices status lists them) or its folder."},
    {"voices.no_microphone",
     "ingen mikrofon fundet ({}). Sæt en mikrofon i, vælg den som lydindgang i systemets lydindstillinger, og prøv "
     "igen.",
     "no microphone found ({}). Plug one in, choose it as the sound input in the system's sound settings, and try "
     "again."},
    {"voices.option", "(valgmulighed)", "(option)"},
    {"voices.record.again", "Forfra – optager igen.", "From the top – recording again."},
    {"voices.record.clipped",
     "Optagelsen er overstyret (lyden ramte loftet): skru ned for mikrofonen, og tag den om med r.",
     "The take is clipped (the sound hit the ceiling): turn the microphone down and redo it with r."},
    {"voices.record.end_keys", "Det var den sidste replik. r: tag den om · q eller Enter: slut",
     "That was the last line. r: redo it · q or Enter: finish"},
    {"voices.record.intro",
     "Indtaling for {} ({}) i {}: {} replikker at indtale. {} er allerede indtalt, {} forbliver syntetiske (de citerer "
     "borgeren eller skifter fra møde til møde).",
     "Recording {} ({}) in {}: {} lines to record. {} are already recorded, {} stay synthetic (they quote the citizen "
     "or change from meeting to meeting)."},
    {"voices.record.keys", "Enter: optag · r: tag den forrige om · s: spring over · q: slut (det indtalte gemmes)",
     "Enter: record · r: redo the last one · s: skip · q: quit (what is recorded is kept)"},
    {"voices.record.node_start", "(scenens første replik)", "(the scene's first line)"},
    {"voices.record.nothing", "Alle replikkerne er indtalt; --all tager dem forfra.",
     "Every line is recorded; --all goes through them again."},
    {"voices.record.nothing_to_redo", "Der er ingen optagelse at tage om endnu.", "There is no take to redo yet."},
    {"voices.record.peak_limited",
     "Bemærk: en høj spids (et klik, en hård lyd) måtte dæmpes kraftigt. Lyt efter, og tag den om med r, hvis den "
     "lyder mat.",
     "Note: a high peak (a click, a hard sound) had to be turned down a lot. Listen, and redo it with r if it sounds "
     "dull."},
    {"voices.record.recording", "● Optager – Enter: stop · r: forfra · q: slut uden denne",
     "● Recording – Enter: stop · r: start over · q: quit without this one"},
    {"voices.record.redo_mark", "(tages om)", "(redo)"},
    {"voices.record.saved", "Gemt: {} ({} s, {} LUFS; optaget ved {} LUFS)",
     "Saved: {} ({} s, {} LUFS; recorded at {} LUFS)"},
    {"voices.record.silent",
     "Der var ingen lyd i optagelsen: tjek, at mikrofonen er tændt og valgt. Enter prøver igen.",
     "There was no sound in the take: check that the microphone is on and chosen. Enter tries again."},
    {"voices.record.summary",
     "Indtalt nu: {}. I alt har {} af {} replikker en stemme; overum voices status viser, hvad der mangler.",
     "Recorded now: {}. In all {} of {} lines have a voice; overum voices status shows what is missing."},
    {"voices.record.take_dropped", "Optagelsen er kasseret.", "The take was thrown away."},
    {"voices.record.too_short", "Optagelsen var for kort til at måle (under et halvt sekunds lyd). Enter prøver igen.",
     "The take was too short to measure (under half a second of sound). Enter tries again."},
    {"voices.record.untagged", "{} replikker har intet id og kan ikke indtales: kør overum tag på {} først.",
     "{} lines have no id and cannot be recorded: run overum tag on {} first."},
    {"voices.record.where", "Optagelserne gemmes i {}, beskåret til lyden og normaliseret til {} LUFS.",
     "Recordings are saved in {}, trimmed to the sound and normalised to {} LUFS."},
    {"voices.shared_id",
     "Advarsel: replik-id {} siges af {}; én optagelse ville lyde for dem alle. Giv replikken et andet id i "
     "#line:-mærket (8 tegn 0-9 og a-f, som ingen anden replik har).",
     "Warning: line id {} is spoken by {}; one recording would sound for them all. Give the line another id in its "
     "#line: tag (8 characters 0-9 and a-f that no other line has)."},
    {"voices.status.character", "  {} ({}): {}/{} indtalt, {} syntetisk", "  {} ({}): {}/{} recorded, {} synthetic"},
    {"voices.status.folders", "Optagelser søges i: {}", "Recordings are looked for in: {}"},
    {"voices.status.missing", "mangler:", "missing:"},
    {"voices.status.untagged", "{} uden id: kør overum tag først", "{} without an id: run overum tag first"},
    {"voices.write_failed",
     "{} kunne ikke gemmes ({}); tjek pladsen på disken og skriveadgangen, og tag replikken igen.",
     "{} could not be saved ({}); check the disk's free space and write access, and record the line again."},
});

constexpr bool sortedByKey() {
  for (std::size_t i = 1; i < kEntries.size(); ++i)
    if (!(kEntries[i - 1].key < kEntries[i].key)) return false;
  return true;
}
static_assert(sortedByKey(), "string table entries must be sorted by key");

std::atomic<Language> current{Language::da};

const Entry* find(std::string_view key) {
  auto it = std::lower_bound(kEntries.begin(), kEntries.end(), key,
                             [](const Entry& e, std::string_view k) { return e.key < k; });
  return it != kEntries.end() && it->key == key ? &*it : nullptr;
}

}  // namespace

void setLanguage(Language language) { current = language; }
Language language() { return current; }

bool parseLanguage(std::string_view code, Language& out) {
  if (code == "da") out = Language::da;
  else if (code == "en") out = Language::en;
  else return false;
  return true;
}

std::string_view tr(std::string_view key) { return tr(key, current); }

std::string_view tr(std::string_view key, Language language) {
  const Entry* e = find(key);
  if (!e) return key;
  if (language == Language::en && !e->en.empty()) return e->en;
  return e->da;
}

bool hasKey(std::string_view key) { return find(key) != nullptr; }

std::vector<std::string_view> keysStartingWith(std::string_view prefix) {
  std::vector<std::string_view> keys;
  for (auto it = std::lower_bound(kEntries.begin(), kEntries.end(), prefix,
                                  [](const Entry&e, std::string_view k) { return e.key < k; });
       it != kEntries.end() && it->key.starts_with(prefix); ++it)
    keys.push_back(it->key);
  return keys;
}

std::vector<std::string_view> allStrings() {
  std::vector<std::string_view> out;
  for (const auto& e : kEntries) {
    out.push_back(e.da);
    if (!e.en.empty()) out.push_back(e.en);
  }
  return out;
}

}  // namespace overum
