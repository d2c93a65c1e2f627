//! The demonstration portfolio `seed-demo` loads into an empty database,
//! modelled on the source document: 96 projects over the five axes and all
//! phases, about 200 M€ of investment, a leverage close to 5 €, instruction
//! times falling from about 240 to 60 days (÷ 4), 200+ actors of every kind
//! working as a network, with milestones and journal entries, ex-ante
//! evaluations before each decision and indicators measured every year. Everything is
//! derived from indices, so two runs produce the same portfolio; a marker
//! in the settings keeps a second run from adding anything.

mod evaluations;
mod money;

use crate::auth::password::hash_blocking;
use crate::db::schema::{
    actors, journal_entries, milestones, participants, project_transitions, projects, settings,
    users,
};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::projects::funding::insert_line;
use crate::records::now;
use chrono::{Datelike, Duration, NaiveDate};
use diesel::prelude::*;
use shared::actors::ActorKind;
use shared::auth::Role;
use shared::finance::{FundingCategory, FundingStatus};
use shared::ids::{ActorId, ProjectId, UserId};
use shared::lifecycle::{AbandonReason, DecisionOutcome, Phase};
use shared::participants::{FundingFields, ParticipantRole};
use shared::projects::{JournalKind, Visibility};
use shared::siret::with_check_digit;

const MARKER: &str = "demo_portfolio";
pub const PROJECT_COUNT: usize = 96;
const FIRST_YEAR: i32 = 2015;
const LAST_YEAR: i32 = 2024;
/// Target total cost, in cents (200 M€).
const TARGET_INVESTMENT_CENTS: i64 = 200_000_000_00;

const AXES: [&str; 5] = [
    "Développement",
    "Prospective",
    "Innovation",
    "Attractivité",
    "Investissement",
];

const ENGINEERS: [(&str, &str); 7] = [
    ("Claire Martin", "claire.martin"),
    ("Julien Faure", "julien.faure"),
    ("Sophie Chabert", "sophie.chabert"),
    ("Karim Benali", "karim.benali"),
    ("Élodie Rousset", "elodie.rousset"),
    ("Thomas Vial", "thomas.vial"),
    ("Nadia Perrin", "nadia.perrin"),
];

/// (kind, name) of the actors who take part in many projects.
const INSTITUTIONS: [(ActorKind, &str); 24] = [
    (ActorKind::Municipality, "Ville de Romans-sur-Isère"),
    (ActorKind::Municipality, "Valence Romans Agglo"),
    (ActorKind::Municipality, "Commune de Bourg-de-Péage"),
    (ActorKind::Municipality, "Commune de Chatuzange-le-Goubet"),
    (ActorKind::Municipality, "Commune de Mours-Saint-Eusèbe"),
    (ActorKind::Municipality, "Commune de Génissieux"),
    (ActorKind::Municipality, "Commune de Peyrins"),
    (ActorKind::Municipality, "Commune de Saint-Paul-lès-Romans"),
    (ActorKind::RegionDepartment, "Région Auvergne-Rhône-Alpes"),
    (ActorKind::RegionDepartment, "Département de la Drôme"),
    (ActorKind::StateService, "Préfecture de la Drôme"),
    (
        ActorKind::StateService,
        "Direction départementale des territoires de la Drôme",
    ),
    (ActorKind::StateService, "ADEME Auvergne-Rhône-Alpes"),
    (ActorKind::StateService, "France Travail Romans-sur-Isère"),
    (ActorKind::Funder, "Banque des Territoires"),
    (ActorKind::Funder, "Bpifrance Auvergne-Rhône-Alpes"),
    (
        ActorKind::Funder,
        "Fonds européen de développement régional (FEDER)",
    ),
    (ActorKind::Funder, "Fondation de France"),
    (ActorKind::Funder, "Crédit Agricole Sud Rhône-Alpes"),
    (ActorKind::Funder, "Caisse d'Épargne Loire Drôme Ardèche"),
    (ActorKind::Chamber, "CCI de la Drôme"),
    (
        ActorKind::Chamber,
        "Chambre de métiers et de l'artisanat de la Drôme",
    ),
    (ActorKind::Chamber, "Chambre d'agriculture de la Drôme"),
    (
        ActorKind::ResearchEducation,
        "Université Grenoble Alpes — site de Valence",
    ),
];

const TRADES: [&str; 16] = [
    "Menuiserie",
    "Tannerie",
    "Chaussures",
    "Imprimerie",
    "Transports",
    "Bureau d'études",
    "Brasserie",
    "Ébénisterie",
    "Logistique",
    "Électricité",
    "Studio numérique",
    "Maroquinerie",
    "Boulangerie",
    "Paysages",
    "Conserverie",
    "Robotique",
];
const SURNAMES: [&str; 9] = [
    "Dubois", "Bernard", "Gauthier", "Jourdan", "Reynaud", "Blanc", "Morel", "Garnier", "Roux",
];
const ASSOCIATIONS: [&str; 20] = [
    "des commerçants du centre ancien",
    "Quartiers solidaires",
    "Romans Cuir Patrimoine",
    "Vélo en ville",
    "des parents d'élèves de la Monnaie",
    "Jardins partagés des Ors",
    "Culture pour tous",
    "Insertion par l'activité",
    "Savoirs numériques",
    "Sport et santé",
    "Repair café romanais",
    "Mémoire de la chaussure",
    "Amis du musée",
    "Tiers-lieu des Tanneurs",
    "Alimentation durable",
    "Jeunes entrepreneurs",
    "Théâtre de la Presle",
    "Aide aux aînés",
    "Festival des Tanneurs",
    "Énergies citoyennes",
];
const CITIZEN_GROUPS: [&str; 12] = [
    "Conseil citoyen de la Monnaie",
    "Conseil citoyen Est",
    "Collectif des Ors",
    "Collectif Centre historique",
    "Conseil des jeunes",
    "Conseil des sages",
    "Collectif Mobilités douces",
    "Collectif Quai Chopin",
    "Comité de quartier Saint-Nicolas",
    "Comité de quartier Jacquemart",
    "Collectif Zéro déchet",
    "Habitants de la Presle",
];
const SCHOOLS: [&str; 8] = [
    "IUT de Valence",
    "Lycée du Dauphiné",
    "Lycée Triboulet",
    "Lycée Lapassat",
    "CFA de la Drôme",
    "Le Cnam Auvergne-Rhône-Alpes",
    "INRAE Centre Lyon-Grenoble",
    "École de la deuxième chance",
];
const OTHERS: [&str; 6] = [
    "Office de tourisme Valence Romans",
    "Agence d'urbanisme de Valence",
    "Office public de l'habitat Drôme Aménagement",
    "Syndicat mixte des eaux",
    "Musée international de la chaussure",
    "Société d'économie mixte Romans Développement",
];
const COMMUNES: [&str; 8] = [
    "26281", "26281", "26281", "26057", "26362", "26088", "26218", "26330",
];

const PROJECT_KINDS: [(&str, &[&str]); 5] = [
    (
        "Développement",
        &[
            "Pépinière d'entreprises",
            "Zone d'activités",
            "Incubateur artisanal",
            "Boutique à l'essai",
            "Hôtel d'entreprises",
            "Plateforme logistique urbaine",
        ],
    ),
    (
        "Prospective",
        &[
            "Étude de revitalisation",
            "Schéma des mobilités",
            "Plan climat",
            "Observatoire du commerce",
            "Démarche Romans 2040",
            "Étude de programmation",
        ],
    ),
    (
        "Innovation",
        &[
            "Tiers-lieu numérique",
            "Fablab",
            "Laboratoire d'innovation publique",
            "Cantine numérique",
            "Living lab santé",
            "Plateforme de données ouvertes",
        ],
    ),
    (
        "Attractivité",
        &[
            "Halle gourmande",
            "Parcours patrimoine cuir",
            "Festival d'été",
            "Marque territoriale",
            "Maison du projet",
            "Signalétique du centre ancien",
        ],
    ),
    (
        "Investissement",
        &[
            "Réseau de chaleur",
            "Rénovation énergétique d'école",
            "Requalification de friche",
            "Pôle d'échanges multimodal",
            "Gymnase",
            "Médiathèque",
        ],
    ),
];
const PLACES: [&str; 10] = [
    "des Tanneurs",
    "de la Monnaie",
    "des Ors",
    "du centre ancien",
    "Jacquemart",
    "de la Presle",
    "Saint-Nicolas",
    "du quai Chopin",
    "des Balmes",
    "de la gare",
];

/// A deterministic stream of numbers (xorshift).
struct Sequence(u64);

impl Sequence {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, bound: usize) -> usize {
        usize::try_from(self.next() % (bound.max(1) as u64)).unwrap_or(0)
    }
}

pub struct DemoSummary {
    pub projects: usize,
    pub actors: usize,
}

fn days(n: i64) -> Duration {
    Duration::days(n)
}

fn date(year: i32, month: u32, day: u32) -> ApiResult<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("bad demo date")))
}

/// Loads the portfolio unless the database already has projects or had the
/// demo once. Returns `None` when nothing was added.
pub fn seed(conn: &mut DbConnection) -> ApiResult<Option<DemoSummary>> {
    conn.transaction(|conn| {
        let marked: i64 = settings::table
            .filter(settings::key.eq(MARKER))
            .count()
            .get_result(conn)?;
        let existing: i64 = projects::table.count().get_result(conn)?;
        if marked > 0 || existing > 0 {
            return Ok(None);
        }
        let mut random = Sequence(0x1a2b_3c4d_5e6f_7788);
        let engineers = engineers(conn)?;
        let directory = actors_directory(conn)?;
        let costs = costs(&mut random);
        for (index, cost) in costs.iter().enumerate() {
            project(conn, &mut random, index, *cost, &engineers, &directory)?;
        }
        evaluations::seed(conn, &mut random, &engineers)?;
        money::seed_capacity(conn)?;
        diesel::insert_into(settings::table)
            .values((
                settings::key.eq(MARKER),
                settings::value.eq("true"),
                settings::updated_at.eq(now()),
            ))
            .execute(conn)?;
        Ok(Some(DemoSummary {
            projects: costs.len(),
            actors: directory.all.len(),
        }))
    })
}

/// The unit's seven engineers (passwords random: an admin resets them).
fn engineers(conn: &mut DbConnection) -> ApiResult<Vec<UserId>> {
    let hash = hash_blocking(&crate::secrets::random_token())?;
    let mut ids = Vec::new();
    for (name, login) in ENGINEERS {
        let email = format!("{login}@innovaction.local");
        let existing: Option<UserId> = users::table
            .filter(users::email.eq(&email))
            .select(users::id)
            .first(conn)
            .optional()?;
        let id = match existing {
            Some(id) => id,
            None => diesel::insert_into(users::table)
                .values((
                    users::email.eq(&email),
                    users::display_name.eq(name),
                    users::role.eq(Role::Engineer),
                    users::password_hash.eq(&hash),
                    users::active.eq(true),
                    users::created_at.eq(now()),
                    users::updated_at.eq(now()),
                    users::version.eq(1_i64),
                ))
                .returning(users::id)
                .get_result(conn)?,
        };
        ids.push(id);
    }
    Ok(ids)
}

struct Directory {
    all: Vec<ActorId>,
    city: ActorId,
    public_funders: Vec<ActorId>,
    private_funders: Vec<ActorId>,
    hubs: Vec<ActorId>,
    locals: Vec<ActorId>,
    /// The aid schemes each funder runs, with the prefix of its decisions'
    /// references; a project draws one by its index.
    schemes: Vec<(ActorId, &'static [(&'static str, &'static str)])>,
}

impl Directory {
    fn scheme_of(&self, funder: ActorId, index: usize) -> Option<(&'static str, &'static str)> {
        let (_, schemes) = self.schemes.iter().find(|(id, _)| *id == funder)?;
        schemes.get(index % schemes.len().max(1)).copied()
    }
}

/// The aid schemes of the institutions, in the order of [`INSTITUTIONS`].
const INSTITUTION_SCHEMES: [&[(&str, &str)]; 24] = [
    &[],
    &[("Fonds de concours de l'agglomération", "VRA")],
    &[],
    &[],
    &[],
    &[],
    &[],
    &[],
    &[("Contrat Ambition Région", "CP-REG")],
    &[("Dotation territoriale du Département", "CD26")],
    &[("DSIL", "DSIL"), ("DETR", "DETR")],
    &[("Fonds vert", "FV")],
    &[("Fonds Chaleur", "ADEME")],
    &[("Plan d'investissement dans les compétences", "FT")],
    &[("Banque des Territoires — ingénierie", "BDT")],
    &[("Bpifrance — aide à l'innovation", "BPI")],
    &[("FEDER", "FEDER")],
    &[("Mécénat", "FDF")],
    &[("Mécénat d'entreprise", "MEC")],
    &[("Mécénat d'entreprise", "MEC")],
    &[],
    &[],
    &[],
    &[],
];

fn insert_actor(
    conn: &mut DbConnection,
    index: usize,
    kind: ActorKind,
    name: &str,
    sector: Option<&str>,
) -> ApiResult<ActorId> {
    // 13 digits unique per index, completed by the Luhn check digit.
    let body = format!(
        "{:09}{:04}",
        402_100_000 + index * 7_919,
        10 + index % 9_000
    );
    let siret = with_check_digit(&body);
    let tags = match kind {
        ActorKind::Company => "[\"entreprise\"]",
        ActorKind::Municipality | ActorKind::RegionDepartment | ActorKind::StateService => {
            "[\"institution\"]"
        }
        ActorKind::Funder => "[\"financeur\"]",
        _ => "[]",
    };
    Ok(diesel::insert_into(actors::table)
        .values((
            actors::name.eq(name),
            actors::kind.eq(kind),
            actors::siren.eq(&siret[..9]),
            actors::siret.eq(&siret),
            actors::sector.eq(sector),
            actors::commune_insee.eq(COMMUNES[index % COMMUNES.len()]),
            actors::tags.eq(tags),
            actors::created_at.eq(now()),
            actors::updated_at.eq(now()),
            actors::version.eq(1_i64),
        ))
        .returning(actors::id)
        .get_result(conn)?)
}

fn actors_directory(conn: &mut DbConnection) -> ApiResult<Directory> {
    let mut index = 0;
    let mut next = |conn: &mut DbConnection, kind: ActorKind, name: &str, sector: Option<&str>| {
        index += 1;
        insert_actor(conn, index, kind, name, sector)
    };
    let mut institutions = Vec::new();
    for (kind, name) in INSTITUTIONS {
        institutions.push((kind, next(conn, kind, name, None)?));
    }
    let mut locals = Vec::new();
    let mut companies = Vec::new();
    for trade in TRADES {
        for surname in SURNAMES {
            let id = next(
                conn,
                ActorKind::Company,
                &format!("{trade} {surname}"),
                Some(trade),
            )?;
            companies.push(id);
            locals.push(id);
        }
    }
    for name in ASSOCIATIONS {
        locals.push(next(
            conn,
            ActorKind::Association,
            &format!("Association {name}"),
            None,
        )?);
    }
    for name in CITIZEN_GROUPS {
        locals.push(next(conn, ActorKind::CitizenGroup, name, None)?);
    }
    for name in SCHOOLS {
        locals.push(next(
            conn,
            ActorKind::ResearchEducation,
            name,
            Some("Formation"),
        )?);
    }
    for name in OTHERS {
        locals.push(next(conn, ActorKind::Other, name, None)?);
    }
    let of_kind = |kinds: &[ActorKind]| -> Vec<ActorId> {
        institutions
            .iter()
            .filter(|(k, _)| kinds.contains(k))
            .map(|(_, id)| *id)
            .collect()
    };
    let city = institutions[0].1;
    let public_funders = of_kind(&[ActorKind::RegionDepartment, ActorKind::StateService])
        .into_iter()
        .chain([institutions[1].1, institutions[16].1])
        .collect();
    let mut private_funders: Vec<ActorId> = of_kind(&[ActorKind::Funder])
        .into_iter()
        .filter(|id| *id != institutions[16].1)
        .collect();
    private_funders.extend(companies.iter().step_by(9));
    let hubs: Vec<ActorId> = institutions.iter().map(|(_, id)| *id).collect();
    let mut all = hubs.clone();
    all.extend(&locals);
    let patronage: &'static [(&'static str, &'static str)] = &[("Mécénat d'entreprise", "MEC")];
    let schemes = hubs
        .iter()
        .copied()
        .zip(INSTITUTION_SCHEMES)
        .chain(companies.iter().map(|id| (*id, patronage)))
        .collect();
    Ok(Directory {
        all,
        city,
        public_funders,
        private_funders,
        hubs,
        locals,
        schemes,
    })
}

/// Total costs summing exactly to the target, from small studies to a few
/// large investments, in round tens of thousands of euros.
fn costs(random: &mut Sequence) -> Vec<i64> {
    const SHAPE: [i64; 12] = [25, 40, 60, 80, 100, 130, 160, 200, 250, 320, 400, 600];
    const ROUND: i64 = 10_000_00;
    let raw: Vec<i64> = (0..PROJECT_COUNT)
        .map(|i| SHAPE[(i * 5 + random.below(3)) % SHAPE.len()])
        .collect();
    let sum: i64 = raw.iter().sum();
    let mut costs: Vec<i64> = raw
        .iter()
        .map(|r| r * TARGET_INVESTMENT_CENTS / sum / ROUND * ROUND)
        .collect();
    let remainder = TARGET_INVESTMENT_CENTS - costs.iter().sum::<i64>();
    if let Some(largest) = costs.iter_mut().max() {
        *largest += remainder;
    }
    costs
}

/// Which phase a project of a commission year has reached today.
fn phase_for(year: i32, rank_in_year: usize, index: usize) -> Phase {
    let abandoned = index % 12 == 5;
    if abandoned {
        return Phase::Abandonne;
    }
    match year {
        y if y <= 2018 => {
            if rank_in_year.is_multiple_of(4) {
                Phase::Evaluation
            } else {
                Phase::Cloture
            }
        }
        2019 | 2020 => {
            if rank_in_year.is_multiple_of(2) {
                Phase::Evaluation
            } else {
                Phase::Cloture
            }
        }
        2021 | 2022 => {
            if rank_in_year.is_multiple_of(3) {
                Phase::Evaluation
            } else {
                Phase::Realisation
            }
        }
        2023 => {
            if rank_in_year.is_multiple_of(3) {
                Phase::Decision
            } else {
                Phase::Realisation
            }
        }
        _ => [
            Phase::Commande,
            Phase::Cadrage,
            Phase::Instruction,
            Phase::Decision,
            Phase::Realisation,
            Phase::Suspendu,
        ][rank_in_year % 6],
    }
}

/// Instruction time of a commission year: from about 240 days in the first
/// year down to about 60 in the last, with a little spread.
fn instruction_days(year: i32, random: &mut Sequence) -> i64 {
    let progress = f64::from(year - FIRST_YEAR) / f64::from(LAST_YEAR - FIRST_YEAR);
    let base = 240.0 * (1.0 - 0.75 * progress);
    let spread = (random.below(21) as f64 - 10.0) / 100.0;
    (base * (1.0 + spread)).round() as i64
}

const ABANDON_REASONS: [AbandonReason; 8] = [
    AbandonReason::Financing,
    AbandonReason::Financing,
    AbandonReason::Partners,
    AbandonReason::Financing,
    AbandonReason::MarketRelevance,
    AbandonReason::Time,
    AbandonReason::Partners,
    AbandonReason::Other,
];

fn project(
    conn: &mut DbConnection,
    random: &mut Sequence,
    index: usize,
    cost: i64,
    engineers: &[UserId],
    directory: &Directory,
) -> ApiResult<()> {
    // Nine projects a year from 2015 to 2023, fifteen in 2024.
    let (year, rank) = if index < 81 {
        (FIRST_YEAR + (index / 9) as i32, index % 9)
    } else {
        (LAST_YEAR, index - 81)
    };
    let axis_index = index % AXES.len();
    let (axis, kinds) = PROJECT_KINDS[axis_index];
    let title = format!(
        "{} {}",
        kinds[(index / 5) % kinds.len()],
        PLACES[(index * 7 + year as usize) % PLACES.len()]
    );
    let commission = date(year, 1 + (rank % 3) as u32, 1 + ((index * 3) % 27) as u32)?;
    let phase = phase_for(year, rank, index);
    let lead = engineers[index % engineers.len()];
    let reference = format!("{year}-{:03}", rank + 1);
    let innovation = [
        "[\"public_service\"]",
        "[\"social\", \"organisational\"]",
        "[\"technological\"]",
        "[\"marketing\"]",
        "[\"business_model\", \"technological\"]",
        "[\"social\"]",
    ][index % 6];
    let visibility = [
        Visibility::Public,
        Visibility::Partners,
        Visibility::Internal,
    ][index % 3];

    // The path the project took, up to its current phase.
    let instruction = instruction_days(year, random);
    let decision_date = commission + days(instruction);
    let decided = matches!(
        phase,
        Phase::Decision | Phase::Realisation | Phase::Evaluation | Phase::Cloture
    );
    let abandoned_at_decision = phase == Phase::Abandonne && index % 2 == 1;
    let mut path: Vec<(Phase, Phase, NaiveDate)> = Vec::new();
    let cadrage = commission + days(instruction / 5);
    let instruction_start = commission + days(instruction / 2);
    let main_line = [
        Phase::Commande,
        Phase::Cadrage,
        Phase::Instruction,
        Phase::Decision,
        Phase::Realisation,
        Phase::Evaluation,
        Phase::Cloture,
    ];
    let step_dates = [
        commission,
        cadrage,
        instruction_start,
        decision_date,
        decision_date + days(30),
        decision_date + days(540),
        decision_date + days(900),
    ];
    let target = match phase {
        Phase::Suspendu => Phase::Instruction,
        Phase::Abandonne if abandoned_at_decision => Phase::Decision,
        Phase::Abandonne => Phase::Instruction,
        other => other,
    };
    for step in 1..main_line.len() {
        if main_line.iter().position(|p| *p == target) < Some(step) {
            break;
        }
        path.push((main_line[step - 1], main_line[step], step_dates[step]));
    }
    let mut reason = None;
    if phase == Phase::Suspendu {
        path.push((
            Phase::Instruction,
            Phase::Suspendu,
            instruction_start + days(20),
        ));
    }
    if phase == Phase::Abandonne {
        let r = ABANDON_REASONS[(index / 12) % ABANDON_REASONS.len()];
        let when = if abandoned_at_decision {
            decision_date
        } else {
            instruction_start + days(30)
        };
        path.push((
            if abandoned_at_decision {
                Phase::Decision
            } else {
                Phase::Instruction
            },
            Phase::Abandonne,
            when,
        ));
        reason = Some(r);
    }
    let outcome = if abandoned_at_decision {
        Some(DecisionOutcome::NoGo)
    } else if decided {
        Some(if index.is_multiple_of(4) {
            DecisionOutcome::GoWithConditions
        } else {
            DecisionOutcome::Go
        })
    } else {
        None
    };
    let has_decision = decided || abandoned_at_decision;
    let start = matches!(
        phase,
        Phase::Realisation | Phase::Evaluation | Phase::Cloture
    )
    .then(|| decision_date + days(30));
    let end = (phase == Phase::Cloture).then(|| decision_date + days(900));

    let id: ProjectId = diesel::insert_into(projects::table)
        .values((
            projects::reference.eq(&reference),
            projects::title.eq(&title),
            projects::summary.eq(format!(
                "{title} : projet {} de l'axe {axis}, porté avec les acteurs du territoire.",
                if cost > 3_000_000_00 {
                    "structurant"
                } else {
                    "de proximité"
                }
            )),
            projects::axis.eq(axis),
            projects::innovation_types.eq(innovation),
            projects::phase.eq(phase),
            projects::suspended_from.eq((phase == Phase::Suspendu).then_some(Phase::Instruction)),
            projects::decision_outcome.eq(outcome),
            projects::abandon_reason.eq(reason),
            projects::commission_date.eq(commission),
            projects::decision_date.eq(has_decision.then_some(decision_date)),
            projects::start_date.eq(start),
            projects::planned_end_date.eq(start.map(|s| s + days(870))),
            projects::actual_end_date.eq(end),
            projects::lead_id.eq(lead),
            projects::team.eq(format!(
                "[{}, {}]",
                lead,
                engineers[(index + 3) % engineers.len()]
            )),
            (
                projects::sponsor.eq([
                    "Maire",
                    "Adjointe au développement économique",
                    "Adjoint à l'innovation",
                    "Direction générale des services",
                ][index % 4]),
                projects::commune_insee.eq("26281"),
                projects::area.eq(PLACES[(index * 7 + year as usize) % PLACES.len()]
                    .trim_start_matches("de la ")
                    .trim_start_matches("des ")
                    .trim_start_matches("du ")),
                projects::total_cost_cents.eq(cost),
                projects::visibility.eq(visibility),
                projects::tags.eq(if axis == "Investissement" {
                    "[\"transition\"]"
                } else {
                    "[]"
                }),
                projects::created_at.eq(now()),
                projects::updated_at.eq(now()),
                projects::version.eq(1_i64),
            ),
        ))
        .returning(projects::id)
        .get_result(conn)?;

    for (from, to, when) in &path {
        let is_decision = *to == Phase::Decision;
        diesel::insert_into(project_transitions::table)
            .values((
                project_transitions::project_id.eq(id),
                project_transitions::from_phase.eq(from),
                project_transitions::to_phase.eq(to),
                project_transitions::transition_date.eq(*when),
                project_transitions::motivation.eq(motivation(*to)),
                project_transitions::outcome.eq(if is_decision { outcome } else { None }),
                project_transitions::reason.eq(if *to == Phase::Abandonne {
                    reason
                } else {
                    None
                }),
                project_transitions::user_id.eq(lead),
                project_transitions::created_at.eq(now()),
            ))
            .execute(conn)?;
    }

    // Who takes part: the city, one or two institutions, local actors.
    let mut members: Vec<(ActorId, ParticipantRole)> =
        vec![(directory.city, ParticipantRole::Lead)];
    members.push((
        directory.hubs[1 + index % (directory.hubs.len() - 1)],
        ParticipantRole::Partner,
    ));
    members.push((
        directory.hubs[1 + (index * 5 + 3) % (directory.hubs.len() - 1)],
        ParticipantRole::Expert,
    ));
    for k in 0..(2 + index % 4) {
        let local =
            directory.locals[(index * 11 + k * 17 + random.below(5)) % directory.locals.len()];
        members.push((
            local,
            [
                ParticipantRole::Partner,
                ParticipantRole::Beneficiary,
                ParticipantRole::Contractor,
                ParticipantRole::Partner,
            ][k % 4],
        ));
    }

    // The money: the city's share levering about five times as much.
    if phase != Phase::Abandonne || abandoned_at_decision {
        let secured_share = if has_decision { 92 } else { 0 };
        let secured = cost * secured_share / 100;
        let city = secured / 6;
        let public_total = secured * 7 / 12;
        let private_total = secured - city - public_total;
        let status = |paid: bool| {
            if paid {
                FundingStatus::Paid
            } else {
                FundingStatus::Granted
            }
        };
        // Works over: every grant paid, every request answered.
        let paid = matches!(phase, Phase::Evaluation | Phase::Cloture);
        let decided_on = decision_date - days(10);
        let mut lines: Vec<(ActorId, FundingCategory, i64, FundingStatus)> = Vec::new();
        if has_decision && !abandoned_at_decision {
            lines.push((directory.city, FundingCategory::City, city, status(paid)));
            let a = directory.public_funders[index % directory.public_funders.len()];
            let b = directory.public_funders[(index + 3) % directory.public_funders.len()];
            lines.push((a, FundingCategory::Public, public_total / 2, status(paid)));
            lines.push((
                b,
                FundingCategory::Public,
                public_total - public_total / 2,
                status(paid),
            ));
            let p = directory.private_funders[(index * 3) % directory.private_funders.len()];
            lines.push((p, FundingCategory::Private, private_total, status(paid)));
            if index.is_multiple_of(5) {
                let extra =
                    directory.private_funders[(index * 7 + 1) % directory.private_funders.len()];
                lines.push((
                    extra,
                    FundingCategory::Private,
                    cost / 40,
                    if paid {
                        FundingStatus::Refused
                    } else {
                        FundingStatus::Requested
                    },
                ));
            }
        } else {
            // Not decided yet (or refused): a plan still being built.
            lines.push((
                directory.city,
                FundingCategory::City,
                cost / 7,
                FundingStatus::Planned,
            ));
            lines.push((
                directory.public_funders[index % directory.public_funders.len()],
                FundingCategory::Public,
                cost / 3,
                FundingStatus::Requested,
            ));
            if abandoned_at_decision {
                lines.push((
                    directory.private_funders[index % directory.private_funders.len()],
                    FundingCategory::Private,
                    cost / 5,
                    FundingStatus::Refused,
                ));
            }
        }
        let works = money::works(phase, decision_date);
        let mut written = Vec::new();
        for (k, (funder, category, amount, line_status)) in lines.into_iter().enumerate() {
            let secured_line = line_status.is_secured();
            let answered = secured_line || line_status == FundingStatus::Refused;
            let scheme = (category != FundingCategory::City)
                .then(|| directory.scheme_of(funder, index))
                .flatten();
            let convention = decided_on + days(45);
            let fields = FundingFields {
                funder_id: funder,
                category,
                amount_cents: amount,
                status: line_status,
                label: None,
                requested_on: (line_status != FundingStatus::Planned)
                    .then(|| commission + days(20)),
                decided_on: answered.then_some(decided_on),
                // The balance, paid once the works are over.
                paid_on: (line_status == FundingStatus::Paid)
                    .then(|| works.map(|w| money::balance_date(&w)))
                    .flatten(),
                scheme: scheme.map(|(name, _)| name.to_owned()),
                convention_date: (secured_line && scheme.is_some()).then_some(convention),
                decision_ref: scheme.filter(|_| answered).map(|(_, prefix)| {
                    format!(
                        "{prefix}-{}-{:04}",
                        decided_on.year(),
                        100 + (index * 37 + k * 11) % 900
                    )
                }),
                // A grant still to be claimed lapses a year after its
                // balance is due.
                lapse_date: (line_status == FundingStatus::Granted
                    && category != FundingCategory::City)
                    .then(|| works.map(|w| money::lapse_date(&w)))
                    .flatten(),
                submission_deadline: None,
            };
            let problems = fields.check();
            if !problems.is_empty() {
                return Err(ApiError::validation(problems));
            }
            let line = insert_line(conn, id, &fields, None)?;
            written.push((line, category, line_status, amount));
            if category != FundingCategory::City {
                members.push((funder, ParticipantRole::Funder));
            }
        }
        money::seed_project(
            conn,
            &money::ProjectMoney {
                id,
                index,
                cost,
                phase,
                decision: decision_date,
                voted: decided,
                closed_on: end,
                lead,
                lines: &written,
            },
        )?;
    }
    // In the order of the roles' names, as the participants were always
    // recorded, so that a seeded portfolio keeps the same ids.
    members.sort_by_key(|(actor, role)| (*actor, role.as_str()));
    members.dedup();
    for (actor, role) in members {
        diesel::insert_into(participants::table)
            .values((
                participants::project_id.eq(id),
                participants::actor_id.eq(actor),
                participants::role.eq(role),
                participants::created_at.eq(now()),
            ))
            .execute(conn)?;
    }

    // Schedule: some done, some due; ongoing recent projects have one late.
    let today = chrono::Utc::now().date_naive();
    let milestones_plan = [
        ("Comité de pilotage de lancement", commission + days(45)),
        (
            "Dossier de financement déposé",
            commission + days(instruction / 2 + 10),
        ),
        (
            "Livraison de la première tranche",
            decision_date + days(400),
        ),
    ];
    for (k, (title, due)) in milestones_plan.iter().enumerate() {
        let reached = match k {
            0 => true,
            1 => has_decision,
            _ => matches!(phase, Phase::Evaluation | Phase::Cloture),
        };
        let late_on_purpose = !reached && index % 7 == 2;
        let due_date = if late_on_purpose {
            today - days(20 + index as i64)
        } else if reached {
            *due
        } else {
            (*due).max(today + days(30 + index as i64))
        };
        diesel::insert_into(milestones::table)
            .values((
                milestones::project_id.eq(id),
                milestones::title.eq(*title),
                milestones::due_date.eq(Some(due_date)),
                milestones::done_date.eq(reached.then_some(*due)),
                milestones::created_at.eq(now()),
                milestones::updated_at.eq(now()),
                milestones::version.eq(1_i64),
            ))
            .execute(conn)?;
    }

    let entries = [
        (JournalKind::Note, format!("Réunion de lancement avec les partenaires ; lettre de commande du {}.", commission.format("%d/%m/%Y"))),
        (JournalKind::Decision, "Plan de financement validé en comité : part communale plafonnée, recherche de cofinancements.".to_owned()),
        (JournalKind::Lesson, "Associer les usagers dès le cadrage a évité des reprises coûteuses en réalisation.".to_owned()),
    ];
    for (k, (kind, body)) in entries.iter().enumerate().take(1 + index % 3) {
        diesel::insert_into(journal_entries::table)
            .values((
                journal_entries::project_id.eq(id),
                journal_entries::kind.eq(*kind),
                journal_entries::body.eq(body),
                journal_entries::author_id.eq(lead),
                journal_entries::entry_date.eq(commission + days(15 + 60 * k as i64)),
                journal_entries::created_at.eq(now()),
                journal_entries::updated_at.eq(now()),
                journal_entries::version.eq(1_i64),
            ))
            .execute(conn)?;
    }
    Ok(())
}

fn motivation(to: Phase) -> &'static str {
    match to {
        Phase::Cadrage => "Lettre de commande reçue : cadrage des objectifs et du périmètre.",
        Phase::Instruction => "Cadrage validé en comité technique : instruction du dossier.",
        Phase::Decision => "Dossier complet et évaluation ex ante présentée au comité de décision.",
        Phase::Realisation => "Décision favorable : lancement des marchés et des travaux.",
        Phase::Evaluation => "Réalisation achevée : mesure des résultats et des impacts.",
        Phase::Cloture => "Évaluation rendue : clôture administrative et financière.",
        Phase::Suspendu => "En attente d'un arbitrage budgétaire.",
        Phase::Abandonne => "Conditions de réussite non réunies.",
        Phase::Commande => "Commande.",
    }
}
