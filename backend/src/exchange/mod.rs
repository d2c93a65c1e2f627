//! Exchange files with the town's other systems and partners: CSV and XLSX
//! exports of the lists, CSV imports of actors and projects in the same
//! columns, and the open-data publication of public projects.

pub mod columns;
pub mod files;
pub mod import;
pub mod lists;
pub mod national;
pub mod open_data;
