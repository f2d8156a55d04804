"""Everyday complaints in English, and a few in Spanish and German (same layout as ``FR``)."""

EN = {
    "late-delivery": {
        "body": [
            "Order {order} placed {days} days ago, still not delivered.",
            "My {ebike} was supposed to arrive Monday, tracking hasn't moved in a week.",
            "'Delivered within 72 hours', they said. Day {days}.",
            "Parcel 'in transit' since {ago}.",
            "Three different delivery dates in ten days, still nothing.",
            "Took a day off work for the delivery, nobody showed up.",
            "The courier says they never got the parcel from your warehouse.",
        ],
        "detail": [
            "Tracking says 'exception' and nothing else.",
            "I paid $49 for express shipping.",
            "It was a birthday present.",
            "I need it to get to work, taking the bus meanwhile.",
            "Nobody picks up at the number on the website.",
        ],
        "subject": [
            "Order {order} not delivered",
            "Late delivery - order {order}",
            "Where is my order?",
        ],
        "sarcasm": [
            "Thanks {brand} for this wonderful lesson in patience. Day {days}.",
            "Express shipping, they said. Express like a snail on vacation.",
        ],
        "implicit": [
            "Day {days} of waiting for order {order}. Day. {days}.",
            "Has anyone ever received a {brand} bike in under a month?",
        ],
    },
    "wrong-size": {
        "body": [
            "Ordered a medium frame, got an XL.",
            "Your size guide is wrong: I'm 5'6\" and the small is too big.",
            'Ordered a 24" kids\' bike, received a 20".',
            "Store staff recommended a size that doesn't fit me at all.",
        ],
        "detail": [
            "They want me to pay for the return shipping.",
            "The box had been opened, clearly someone else's return sent back out.",
            "My daughter was waiting for it for the school year.",
        ],
        "subject": ["Wrong size - order {order}", "Size exchange"],
        "sarcasm": ["Ordered M, got XL: {brand} believes in my growth potential."],
        "implicit": ["Anyone want a never-ridden XL frame? I'm 5'5\"."],
    },
    "missing-parts": {
        "body": [
            "Bike arrived in a box... without the stem bolts.",
            "{accessory} is missing from the box.",
            "No charger in the box with my {ebike}.",
            "No pedals in the box. Am I supposed to run?",
            "The manual mentions part B7, which isn't in the bag.",
        ],
        "detail": [
            "Store says ask the website, website says ask the store.",
            "It's been sitting in my living room for {days} days, unusable.",
            "They promised to ship the part 'within 48h' two weeks ago.",
        ],
        "subject": ["Missing parts - order {order}", "Incomplete delivery"],
        "sarcasm": [
            "Thanks {brand} for this gorgeous flat-pack bike... minus the bolts 🙃",
            "A bike without pedals is just a very expensive scooter.",
        ],
        "implicit": [
            "Anyone have a spare M5 stem bolt? Asking for reasons. Totally unrelated to {brand}."
        ],
    },
    "double-charge": {
        "body": [
            "I was charged twice for the same order ({order}).",
            "{price_ebike} came out of my account twice.",
            "Charged for shipping even though it was supposed to be free.",
            "Invoice has the wrong tax and nobody will fix it.",
        ],
        "detail": [
            "My bank says the merchant has to refund it.",
            "I'm in overdraft because of this.",
            "Support says 'the system only shows one payment'.",
        ],
        "subject": ["Double charge on order {order}", "Billing error"],
        "sarcasm": ["Buy one bike, pay for two: {brand}'s deal of the year."],
        "implicit": ["Quick question: is it normal to see {price_ebike} twice on my statement?"],
    },
    "app-outage": {
        "body": [
            "{app} crashes on launch since the update.",
            "Can't unlock the smart lock, the app just spins.",
            "App says 'server error' since this morning.",
            "Battery range no longer shows in the app.",
            "Bluetooth pairing drops every two minutes.",
            "Can't log into my account, reset my password three times.",
        ],
        "detail": [
            "Had to leave the bike at the office and walk home.",
            "Uninstalled, reinstalled, nothing.",
            "And of course the FAQ says nothing.",
        ],
        "subject": ["App unusable", "App bug since the update"],
        "sarcasm": ["Love the new lightweight app update. It doesn't open at all now."],
        "implicit": ["Is it just me or is {app} down again?"],
    },
    "rude-staff": {
        "body": [
            "Ice-cold welcome at {store}, made me feel like a bother.",
            "The salesperson at {store} rolled his eyes when I mentioned the warranty.",
            "Was told 'not my department' and he walked away.",
            "The mechanic talked to me like I was five.",
            "Got blamed for 'misusing' the bike before anyone even looked at it.",
        ],
        "detail": [
            "I've been a loyal customer for six years.",
            "Other customers were watching, it was embarrassing.",
            "Asked for a manager: 'not here today'.",
        ],
        "subject": ["In-store experience", "Complaint about a staff member"],
        "sarcasm": ["Shout-out to {store} for the warm welcome, felt just like the DMV."],
        "implicit": ["Do you need an appointment to get a hello at {store}?"],
    },
    "warranty-refused": {
        "body": [
            "Warranty denied for a cracked frame at 14 months.",
            "Motor warranty refused because the bike 'was ridden in the rain'.",
            "Battery down to 15 km range, warranty denied as 'normal wear'.",
            "Derailleur failed after three months and they're calling it 'impact damage'.",
            "They want $95 for a diagnostic on a part under warranty.",
        ],
        "detail": [
            "It's a bike, it's made to be ridden outside, no?",
            "It's always been serviced in your own shops, I have the receipts.",
        ],
        "subject": ["Warranty claim denied - order {order}", "Disputing warranty refusal"],
        "sarcasm": ["An e-bike that's afraid of rain, in {city}. Bold design choice."],
        "implicit": ["So what does the {brand} warranty actually cover? Besides nothing."],
    },
    "price-increase": {
        "body": [
            "The {ebike} went up $400 since summer, same bike.",
            "Spare parts up 20% without notice.",
            "Annual tune-up went from $79 to $119.",
            "Price dropped the day after I bought it and they won't refund the difference.",
        ],
        "detail": ["Same bike, same color, same motor.", "This is how you lose loyal customers."],
        "subject": ["Price adjustment request", "Service price increase"],
        "sarcasm": ["{brand}, the only bike that appreciates in value while sitting in the store."],
        "implicit": ["Is the {ebike} still at the summer price or did I miss something?"],
    },
    "unreachable": {
        "body": [
            "Customer service is unreachable: 45 minutes on hold, then it hangs up.",
            "The website chat has said 'an agent will be with you shortly' since yesterday.",
            "Four e-mails, zero replies.",
            "The contact form errors out on submit, tried three browsers.",
        ],
        "detail": [
            "Social media seems to be the only way to get an answer.",
            "Even the store doesn't know how to reach them.",
            "My first e-mail was on {ago}.",
        ],
        "subject": ["No reply since {ago}", "Cannot reach you"],
        "sarcasm": ["{brand} customer service: reachable by telepathy only."],
        "implicit": [
            "Does anyone at {brand} read their e-mails?",
            "Is anyone still working in {brand} customer service or did they close for good?",
        ],
    },
    "repair-delay": {
        "body": [
            "Dropped the bike at {store} {days} days ago for a basic tune-up.",
            "Six weeks for a spoke, and now two more weeks.",
            "Got the bike back with the brakes worse than before.",
            "Bike 'waiting for a part' since {ago}.",
        ],
        "detail": ["No loaner offered.", "Nobody calls back when you leave a message."],
        "subject": ["Repair pending since {ago}", "Repair delay"],
        "sarcasm": ["Express tune-up at {brand}: {days} days. Next: the eternal tune-up."],
        "implicit": ["Any news about my bike, anyone? Dropped off {ago}."],
    },
    "return-refund": {
        "body": [
            "Returned the bike within 14 days, still no refund a month later.",
            "Return approved by e-mail but the refund never comes.",
            "Got store credit when I asked for a refund.",
        ],
        "detail": ["I have the drop-off receipt.", "I've been more than patient."],
        "subject": ["Refund for return - order {order}", "Return not refunded"],
        "sarcasm": ["Returns in 2 clicks, refunds in 2 centuries."],
        "implicit": ["How many months are refunds taking at {brand} these days?"],
    },
}

OPEN = {
    "mild": [
        "Slightly disappointed:",
        "Not a huge deal, but",
        "Small thing:",
        "Meh.",
        "Not one to complain, but",
    ],
    "plain": [
        "Hi {brand},",
        "Hey {brand},",
        "Rant incoming:",
        "Honestly,",
        "Once again,",
        "Seriously,",
        "Question for customer service:",
    ],
    "angry": [
        "Is this a joke?",
        "I'm done.",
        "Enough is enough.",
        "Shameful.",
        "Unbelievable.",
        "I'm furious.",
    ],
}
EMAIL_ASK = [
    "Please keep me posted.",
    "I expect a solution within eight days.",
    "Please call me back at the number on my account.",
    "Looking forward to your reply.",
    "Can you tell me where my request stands?",
]
ME_TOO = [
    "Same here.",
    "Same issue.",
    "Same, ordered the same week.",
    "Welcome to the club.",
    "Glad it's not just me.",
    "+1, still no answer.",
    "Exact same thing a month ago.",
]
EMAIL_SIGN = ["Regards,", "Best regards,", "Thanks,", "Thanks in advance,", "Cheers,"]

FOREIGN = {
    "es": [
        "Pedido {order} hace {days} días y todavía nada. El seguimiento no se mueve.",
        "Me cobraron dos veces el mismo pedido. ¿Alguien de Vélonova puede ayudarme?",
        "La batería de mi {ebike} dura la mitad de lo anunciado. Muy decepcionada.",
        "Imposible contactar con el servicio al cliente, nadie contesta.",
        "Recibí la bici sin pedales. ¿En serio?",
        "La app de Vélonova no funciona desde la actualización.",
    ],
    "de": [
        "Bestellung {order} seit {days} Tagen unterwegs, keine Antwort vom Kundenservice.",
        "Mir wurde die Bestellung doppelt abgebucht. Bitte um Erstattung.",
        "Das Fahrrad kam ohne Ladegerät an. Sehr ärgerlich.",
        "Garantie abgelehnt wegen „Regenschaden“. Ein Fahrrad, das keinen Regen verträgt?",
        "Die Vélonova-App stürzt seit dem Update ständig ab.",
        "Kundenservice nicht erreichbar, seit einer Woche keine Antwort.",
    ],
}
