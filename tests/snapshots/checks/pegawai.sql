-- 1. nip [spreadsheet_error]
WHEN CASE WHEN starts_with("nip", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "nip") ELSE FALSE END
THEN 'spreadsheet error ' || "nip" || ' in nip (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 2. nama [spreadsheet_error]
WHEN CASE WHEN starts_with("nama", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "nama") ELSE FALSE END
THEN 'spreadsheet error ' || "nama" || ' in nama (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 3. jenis_pegawai [spreadsheet_error]
WHEN CASE WHEN starts_with("jenis_pegawai", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "jenis_pegawai") ELSE FALSE END
THEN 'spreadsheet error ' || "jenis_pegawai" || ' in jenis_pegawai (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 4. kode_instansi [spreadsheet_error]
WHEN CASE WHEN starts_with("kode_instansi", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "kode_instansi") ELSE FALSE END
THEN 'spreadsheet error ' || "kode_instansi" || ' in kode_instansi (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 5. kode_unit [spreadsheet_error]
WHEN CASE WHEN starts_with("kode_unit", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "kode_unit") ELSE FALSE END
THEN 'spreadsheet error ' || "kode_unit" || ' in kode_unit (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 6. nama_unit [spreadsheet_error]
WHEN CASE WHEN starts_with("nama_unit", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "nama_unit") ELSE FALSE END
THEN 'spreadsheet error ' || "nama_unit" || ' in nama_unit (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 7. jenis_jabatan [spreadsheet_error]
WHEN CASE WHEN starts_with("jenis_jabatan", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "jenis_jabatan") ELSE FALSE END
THEN 'spreadsheet error ' || "jenis_jabatan" || ' in jenis_jabatan (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 8. nama_jabatan [spreadsheet_error]
WHEN CASE WHEN starts_with("nama_jabatan", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "nama_jabatan") ELSE FALSE END
THEN 'spreadsheet error ' || "nama_jabatan" || ' in nama_jabatan (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 9. pendidikan [spreadsheet_error]
WHEN CASE WHEN starts_with("pendidikan", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "pendidikan") ELSE FALSE END
THEN 'spreadsheet error ' || "pendidikan" || ' in pendidikan (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 10. jenis_pegawai_nama [spreadsheet_error]
WHEN CASE WHEN starts_with("jenis_pegawai_nama", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "jenis_pegawai_nama") ELSE FALSE END
THEN 'spreadsheet error ' || "jenis_pegawai_nama" || ' in jenis_pegawai_nama (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 11. kedudukan_hukum_id [spreadsheet_error]
WHEN CASE WHEN starts_with("kedudukan_hukum_id", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "kedudukan_hukum_id") ELSE FALSE END
THEN 'spreadsheet error ' || "kedudukan_hukum_id" || ' in kedudukan_hukum_id (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 12. pendidikan_id [spreadsheet_error]
WHEN CASE WHEN starts_with("pendidikan_id", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "pendidikan_id") ELSE FALSE END
THEN 'spreadsheet error ' || "pendidikan_id" || ' in pendidikan_id (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 13. jenis_jabatan_id [spreadsheet_error]
WHEN CASE WHEN starts_with("jenis_jabatan_id", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "jenis_jabatan_id") ELSE FALSE END
THEN 'spreadsheet error ' || "jenis_jabatan_id" || ' in jenis_jabatan_id (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 14. eselon [spreadsheet_error]
WHEN CASE WHEN starts_with("eselon", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "eselon") ELSE FALSE END
THEN 'spreadsheet error ' || "eselon" || ' in eselon (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 15. eselon_id [spreadsheet_error]
WHEN CASE WHEN starts_with("eselon_id", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "eselon_id") ELSE FALSE END
THEN 'spreadsheet error ' || "eselon_id" || ' in eselon_id (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 16. nama_instansi [spreadsheet_error]
WHEN CASE WHEN starts_with("nama_instansi", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "nama_instansi") ELSE FALSE END
THEN 'spreadsheet error ' || "nama_instansi" || ' in nama_instansi (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 17. nama_instansi_induk [spreadsheet_error]
WHEN CASE WHEN starts_with("nama_instansi_induk", '#') THEN list_contains(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'], "nama_instansi_induk") ELSE FALSE END
THEN 'spreadsheet error ' || "nama_instansi_induk" || ' in nama_instansi_induk (a formula that failed in Excel, saved as its error); fix the formula or type the value'

-- 18. nip [empty]
WHEN "nip" IS NULL
THEN 'nip is empty'

-- 19. nip [nip_excel_number]
WHEN starts_with("nip", '#EXCEL_NUMBER:')
THEN 'NIP is stored as a number in Excel, which keeps only 15 digits; format the column as text and enter the NIP again'

-- 20. nip [nip_length]
WHEN NOT (nip__clean GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]')
THEN 'NIP must be 18 digits, got "' || left("nip", 40) || '" (' || length(nip__clean) || ' characters)'

-- 21. nip [nip_lost_digits]
WHEN ends_with(nip__clean, '000')
THEN 'NIP ' || nip__clean || ' ends in 000: its last digits were lost when it was stored as a number (15 significant digits)' || CASE WHEN (SELECT count(*) FROM raw_pegawai x WHERE left(regexp_replace(x.nip, '\s', '', 'g'), 15) = left(nip__clean, 15)) > 1 THEN '; ' || (SELECT count(*) FROM raw_pegawai x WHERE left(regexp_replace(x.nip, '\s', '', 'g'), 15) = left(nip__clean, 15)) || ' rows of pegawai share its first 15 digits, so different people may have been merged' ELSE '' END || '; export the NIP column as text'

-- 22. jenis_pegawai [empty]
WHEN "jenis_pegawai" IS NULL
THEN 'jenis_pegawai is empty'

-- 23. jenis_pegawai [unknown_code]
WHEN "jenis_pegawai" IS NOT NULL AND jenis_pegawai__code IS NULL
THEN 'unknown jenis_pegawai "' || left("jenis_pegawai", 60) || '"; use one of: PNS, PPPK (or add an alias in data/aliases/kode.json)'

-- 24. kode_instansi [instansi_name_unknown]
WHEN "kode_instansi" IS NULL AND coalesce(nama_instansi, nama_instansi_induk) IS NOT NULL
THEN 'no kode_instansi, and the instansi name "' || left(coalesce(nama_instansi, nama_instansi_induk), 80) || '" is not in the instansi reference; add a kode_instansi column with the Kemendagri code (never SIASN''s kode cepat), or spell the name as the reference does (e.g. "Pemerintah Kabupaten Balangan")'

-- 25. kode_instansi [instansi_name_mismatch]
WHEN _kode_dari_nama IS NOT NULL AND "kode_instansi" <> _kode_dari_nama
THEN 'kode_instansi ' || "kode_instansi" || ' does not match the instansi name "' || left(coalesce(nama_instansi, nama_instansi_induk), 80) || '" (' || _kode_dari_nama || ' in the reference); kode_instansi is the Kemendagri code, not SIASN''s kode cepat'

-- 26. kode_instansi [empty]
WHEN "kode_instansi" IS NULL
THEN 'kode_instansi is empty'

-- 27. kode_instansi [instansi_unknown]
WHEN "kode_instansi" IS NOT NULL AND "kode_instansi" NOT IN (SELECT kode_instansi FROM ref_instansi)
THEN 'kode_instansi "' || left("kode_instansi", 20) || '" is not in the instansi reference table'

-- 28. kode_unit [empty]
WHEN "kode_unit" IS NULL
THEN 'kode_unit is empty'

-- 29. nama_unit [empty]
WHEN "nama_unit" IS NULL
THEN 'nama_unit is empty'

-- 30. jenis_jabatan [eselon_unknown]
WHEN CASE WHEN "jenis_jabatan" IS NOT NULL AND jenis_jabatan__code IS NULL THEN list_contains(['JABATAN STRUKTURAL'], norm_code("jenis_jabatan")) ELSE FALSE END
THEN 'jenis_jabatan "' || left("jenis_jabatan", 60) || '" needs its eselon to say JPT, ADMINISTRATOR or PENGAWAS, and eselon "' || coalesce(eselon, eselon_id, '') || '" is not known (add it to the eselon aliases in data/aliases/siasn.json)'

-- 31. jenis_jabatan [unknown_code]
WHEN "jenis_jabatan" IS NOT NULL AND jenis_jabatan__code IS NULL
THEN 'unknown jenis_jabatan "' || left("jenis_jabatan", 60) || '"; use one of: JPT, ADMINISTRATOR, PENGAWAS, FUNGSIONAL, PELAKSANA (or add an alias in data/aliases/kode.json)'

-- 32. pendidikan [unknown_code]
WHEN "pendidikan" IS NOT NULL AND pendidikan__code IS NULL
THEN 'unknown pendidikan "' || left("pendidikan", 60) || '"; use one of: S3, S2, S1, D4, D3, D2, D1, SLTA, SLTP, SD (or add an alias in data/aliases/kode.json)'

-- 33. nip [nip_birth_date]
WHEN jenis_pegawai__code = 'PNS' AND NOT valid_date(nip_digits(nip__angka, 1, 4), nip_digits(nip__angka, 5, 2), nip_digits(nip__angka, 7, 2))
THEN 'NIP ' || nip__clean || ': digits 1-8 are not a valid birth date (YYYYMMDD)'

-- 34. nip [nip_birth_year]
WHEN jenis_pegawai__code = 'PNS' AND NOT (nip_digits(nip__angka, 1, 4) BETWEEN 1940 AND 2009)
THEN 'NIP ' || nip__clean || ': birth year ' || substr(nip__clean, 1, 4) || ' is not plausible'

-- 35. nip [nip_tmt]
WHEN jenis_pegawai__code = 'PNS' AND (NOT (nip_digits(nip__angka, 13, 2) BETWEEN 1 AND 12) OR nip_digits(nip__angka, 9, 4) NOT BETWEEN 1960 AND 2025)
THEN 'NIP ' || nip__clean || ': digits 9-14 are not a valid year-month'

-- 36. nip [nip_sex]
WHEN jenis_pegawai__code = 'PNS' AND nip_digits(nip__angka, 15, 1) NOT IN (1, 2)
THEN 'NIP ' || nip__clean || ': digit 15 (sex) must be 1 or 2'

-- 37. nip [duplicate_nip]
WHEN _first_line < _ord
THEN 'duplicate NIP ' || nip__clean || ' (first at line ' || _first_line || '); keep one row per ASN'
