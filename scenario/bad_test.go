package scenario

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// badCases is the catalogue of mistakes in testdata/bad: each file and the
// substrings its message must contain (file and line, key, expectation).
var badCases = map[string][]string{
	"staffing_over_budget":          {"staffing_over_budget.toml:21: port[0].lane.car.staffing.shifts: the shifts take 112 officer-hours a day, over the budget officer_hours = 100"},
	"staffing_too_few_lanes":        {"staffing_too_few_lanes.toml:21: port[0].lane.car.staffing.shifts: 6 officers on duty at 14:00, more than the 4 lanes built"},
	"staffing_and_booths":           {"staffing_and_booths.toml:17: port[0].lane.car.booths: give booths (by hour) or a staffing roster, not both"},
	"staffing_bad_shift":            {"staffing_bad_shift.toml:18: port[0].lane.car.staffing: lanes is required", "staffing_bad_shift.toml:20: port[0].lane.car.staffing.shifts[0].start: must be at most 23", "staffing_bad_shift.toml:20: port[0].lane.car.staffing.shifts[1]: start is required", "staffing_bad_shift.toml:20: port[0].lane.car.staffing.shifts[2].hour: unknown key, did you mean hours?"},
	"trusted_misspelled":            {"trusted_misspelled.toml:22: port[0].lane.car.trusted.sentri.referal_factor: unknown key, did you mean referral_factor?"},
	"trusted_missing_share":         {"trusted_missing_share.toml:19: port[0].lane.car.trusted.sentri: share is required", `trusted_missing_share.toml:25: port[0].lane.car.trusted.ready.use_general: expected true or false, got the string "yes"`},
	"trusted_shares":                {"trusted_shares.toml:13: port[0].lane.car.trusted: the parts' shares add up to 1.1, more than 1", "trusted_shares.toml:25: port[0].lane.car.trusted.ready.booths: no booth of the part is ever open"},
	"trusted_general":               {`trusted_general.toml:19: port[0].lane.car.trusted.general: a trusted part needs a lower-case name other than "general"`, "trusted_general.toml:22: port[0].lane.car.trusted.general.referral_factor: must be at most 1"},
	"trusted_no_booths":             {"trusted_no_booths.toml:19: port[0].lane.car.trusted.sentri: booths is required"},
	"preprimary_no_confirm":         {"preprimary_no_confirm.toml:26: port[0].lane.truck.preprimary: an image alarm needs a confirming exam"},
	"preprimary_share":              {"preprimary_share.toml:27: port[0].lane.truck.preprimary.share: must be a probability between 0 and 1, got 1.27"},
	"preprimary_misspelled":         {"preprimary_misspelled.toml:28: port[0].lane.truck.preprimary.portal: unknown key, did you mean portals?", "preprimary_misspelled.toml:26: port[0].lane.truck.preprimary: portals is required", `preprimary_misspelled.toml:32: port[0].lane.truck.preprimary.wait_for_image: duration "-1m" must not be negative`},
	"market_keys":                   {`market_keys.toml:35: market.fixed_volumes: expected true or false, got the string "yes"`, `market_keys.toml:36: market.half_life: duration "-1d" must not be negative`, "market_keys.toml:37: market.lag: unknown key"},
	"syntax":                        {"syntax.toml:11: ", "TOML syntax: strings cannot contain newlines"},
	"duplicate_key":                 {"duplicate_key.toml:6: ", "TOML syntax", "already been defined"},
	"unknown_top":                   {"unknown_top.toml:3: colour: unknown key"},
	"unknown_class_key":             {"unknown_class_key.toml:6: class.truck.speed: unknown key"},
	"unknown_port_key":              {"unknown_port_key.toml:12: port[0].city: unknown key"},
	"unknown_lane_key":              {"unknown_lane_key.toml:22: port[0].lane.truck.colour: unknown key"},
	"unknown_method_key":            {"unknown_method_key.toml:16: port[0].method[0].speed: unknown key"},
	"unknown_dist_key":              {"unknown_dist_key.toml:22: port[0].lane.truck.primary_time.cv: unknown key"},
	"misspelled":                    {"misspelled.toml:21: port[0].lane.truck.booth: unknown key, did you mean booths?", "misspelled.toml:19: port[0].lane.truck: booths is required"},
	"wrong_type":                    {`wrong_type.toml:21: port[0].lane.truck.booths: expected an integer, got the string "four"`},
	"duration_no_unit":              {`duration_no_unit.toml:2: horizon: a duration needs a unit, e.g. "90s"`, "bare number 365"},
	"duration_string_no_unit":       {`duration_string_no_unit.toml:2: horizon: duration "365" needs a unit, e.g. "90s"`},
	"duration_bad_unit":             {`duration_bad_unit.toml:2: horizon: duration "1y": unknown unit "y"`},
	"negative_duration":             {`negative_duration.toml:16: port[0].method[0].time.value: duration "-8m" must not be negative`},
	"probability":                   {"probability.toml:24: port[0].lane.truck.referral_rate: must be a probability between 0 and 1, got 1.5"},
	"negative_booths":               {"negative_booths.toml:21: port[0].lane.truck.booths: must not be negative, got -2 booths"},
	"absurd_booths":                 {"absurd_booths.toml:21: port[0].lane.truck.booths: must be at most 10000 booths (larger is absurd), got 20000"},
	"nan":                           {"nan.toml:20: port[0].lane.truck.annual_volume: must be a finite number, got NaN"},
	"inf":                           {"inf.toml:8: drug.methamphetamine.value_per_kg: must be a finite number, got +Inf"},
	"absurd_volume":                 {"absurd_volume.toml:20: port[0].lane.truck.annual_volume: must be at most 1e+09 vehicles a year (larger is absurd), got 5e+12"},
	"unknown_port_in_load":          {`unknown_port_in_load.toml:28: load[0].port: unknown port "Eagle Pas", did you mean Eagle Pass?`},
	"unknown_port_in_surge":         {`unknown_port_in_surge.toml:35: surge[0].port: unknown port "Laredo" (defined: "Eagle Pass")`},
	"unknown_class":                 {`unknown_class.toml:19: port[0].lane.bus: unknown class "bus" (defined: "truck")`},
	"unknown_class_in_load":         {`unknown_class_in_load.toml:29: load[0].class: unknown class "car"`},
	"unknown_method":                {`unknown_method.toml:24: port[0].lane.truck.secondary[0].method: unknown method "xray" (defined: "imaging")`},
	"unknown_drug":                  {`unknown_drug.toml:27: load[0].drug: unknown drug "heroin" (defined: "methamphetamine")`},
	"unknown_concealment":           {`unknown_concealment.toml:30: load[0].concealment: unknown concealment "body_cavity"`},
	"unknown_concealment_in_detect": {`unknown_concealment_in_detect.toml:17: port[0].method[0].detect.vehicle_cavty: unknown concealment "vehicle_cavty", did you mean vehicle_cavity?`},
	"missing_detect":                {"missing_detect.toml:17: port[0].method[0].detect: missing detect entry for vehicle_cavity"},
	"duplicate_port":                {`duplicate_port.toml:27: port[1].name: duplicate port name "Eagle Pass" (already used by port[0])`},
	"duplicate_port_case":           {`duplicate_port_case.toml:27: port[1].name: duplicate port name "eagle pass" (already used by port[0] as "Eagle Pass": names are compared ignoring case)`},
	"duplicate_organisation":        {`duplicate_organisation.toml:42: organisation[1].name: duplicate organisation name "Coahuila" (already used by organisation[0])`},
	"empty":                         {"empty.toml: port: no ports: a scenario needs at least one [[port]]", "empty.toml: horizon: required"},
	"comments_only":                 {"comments_only.toml: port: no ports"},
	"warmup_eq_horizon":             {"warmup_eq_horizon.toml:3: warmup: the warm-up (1d) is not shorter than the horizon that follows it (1d): the horizon is the time kept after the warm-up"},
	"name_bidi":                     {`name_bidi.toml:1: name: "tiny\u202egpj.exe" contains the invisible formatting character U+202E`},
	"seed_out_of_range":             {"seed_out_of_range.toml:3: ", "9223372036854775808 is out of range for int64"},
	"warmup_ge_horizon":             {"warmup_ge_horizon.toml:3: warmup: the warm-up (2d) is not shorter than the horizon that follows it (1d)"},
	"horizon_zero":                  {"horizon_zero.toml:2: horizon: must be positive"},
	"name_parent":                   {`name_parent.toml:1: name: "../../docs" contains a slash`},
	"name_dot":                      {`name_dot.toml:1: name: "." cannot name an output folder`},
	"both_volumes":                  {"both_volumes.toml:21: port[0].lane.truck.daily_volume: give annual_volume or daily_volume, not both"},
	"no_volume":                     {"no_volume.toml:19: port[0].lane.truck: needs annual_volume (vehicles a year) or daily_volume"},
	"unknown_dist":                  {`unknown_dist.toml:22: port[0].lane.truck.primary_time.dist: unknown distribution "exponentail", did you mean exponential?`},
	"booths_length":                 {"booths_length.toml:21: port[0].lane.truck.booths: expected one number or 24 numbers", "got 2 numbers"},
	"no_booths_open":                {"no_booths_open.toml:21: port[0].lane.truck.booths: no booth is ever open, but 1000 vehicles a year arrive"},
	"float_for_integer":             {"float_for_integer.toml:15: port[0].method[0].servers: expected an integer, got 1 (write it without a decimal point)"},
	"more_loads_than_vehicles":      {"more_loads_than_vehicles.toml:31: load[0].loads_per_year: more loads a year (5000) than vehicles in the lane (1000)"},
	"first_step_on_alarm":           {"first_step_on_alarm.toml:24: port[0].lane.truck.secondary[0].only_on_alarm: the first step cannot run only on alarm"},
	"pressure_factor_alone":         {"pressure_factor_alone.toml:12: port[0].pressure_factor: has no effect without pressure_wait"},
	"class_not_table":               {"class_not_table.toml:4: class: expected a table like [class.truck], got the integer 5"},
	"unknown_profile":               {`unknown_profile.toml:22: port[0].lane.truck.profile: unknown profile "comercial", did you mean commercial?`},
	"profile_length":                {"profile_length.toml:22: port[0].lane.truck.hours: expected 24 numbers, got 3"},
	"surge_no_lane":                 {`surge_no_lane.toml:39: surge[0].extra_booths.car: port "Eagle Pass" has no car lane`},
	"surge_ends_before_start":       {"surge_ends_before_start.toml:37: surge[0].end: the surge must end after it starts (start 12h, end 6h)"},
	"mixture_nested":                {"mixture_nested.toml:10: port[0].lane.car.primary_time.of[0]: weight is required", "of[1].dist: a mixture's parts cannot be mixtures"},
	"triangular_order":              {"triangular_order.toml:16: port[0].method[0].time: a triangular distribution needs min <= mode <= max"},
	"kg_limit_tight":                {`kg_limit_tight.toml:32: load[0].kg.limit: a limit of 10 keeps only`},
	"kg_limit_gamma":                {`kg_limit_gamma.toml:32: load[0].kg.limit: this distribution cannot be cut`},
	"hit_factor_zero":               {`hit_factor_zero.toml:9: drug.methamphetamine.target_hit_factor: target_hit_factor must be above 0`},
	"time_limit":                    {`time_limit.toml:16: port[0].method[0].time.limit: unknown key`},
	"kg_as_duration":                {`kg_as_duration.toml:32: load[0].kg.value: expected a number of kilograms, got the string "50kg"`},
	"lot_without_secondary":         {"lot_without_secondary.toml:23: port[0].lane.truck.lot_capacity: a secondary lot needs a secondary sequence"},
	"route_empty":                   {"route_empty.toml:39: organisation[0].route: needs at least one route through a port"},
	"secondary_empty":               {"secondary_empty.toml:23: port[0].lane.truck.lot_capacity: a secondary lot needs a secondary sequence"},
	"invalid_utf8":                  {"invalid_utf8.toml:1: (text): not valid UTF-8"},
	"deep_nesting":                  {"deep_nesting.toml:67: (nesting): arrays and inline tables nested more than 64 deep"},
	"bin_10s":                       {"bin_10s.toml:3: bin: too fine for this scenario: 3153600 bins of 10s", "at most 1e+06"},
	"decision_period_10s":           {"decision_period_10s.toml:3: decision_period: must be at least 1h, got 10s"},
	"decision_period_1ms":           {"decision_period_1ms.toml:3: decision_period: must be at least 1h, got 0.001s"},
	"too_many_ports":                {"too_many_ports.toml:10: port: 501 ports: at most 500"},
	"exponential_no_mean":           {"exponential_no_mean.toml:22: port[0].lane.truck.primary_time: mean is required for an exponential distribution (it takes mean)"},
	"cv_absurd":                     {"cv_absurd.toml:22: port[0].lane.truck.primary_time.cv: must be at most 100 (coefficient of variation; larger is absurd), got 1e+10"},
	"staffing_lanes_negative":       {"staffing_lanes_negative.toml:19: port[0].lane.car.staffing.lanes: must be at least 1 lane, got -1"},
	"staffing_no_officers":          {"staffing_no_officers.toml:21: port[0].lane.car.staffing.shifts: no officer is ever on duty, but 100000 vehicles a year arrive"},
	"staffing_not_table":            {"staffing_not_table.toml:18: port[0].lane.car.staffing: expected a table like { lanes = 10", "got the integer 5"},
	"checkpoint_servers_negative":   {"checkpoint_servers_negative.toml:38: checkpoint[0].servers: must not be negative, got -1 inspection teams"},
	"checkpoint_no_classes":         {`checkpoint_no_classes.toml:36: checkpoint[0].classes: needs at least one class, e.g. classes = ["truck"] (leave it out to stop every class)`},
	"value_of_time_absurd":          {"value_of_time_absurd.toml:5: class.truck.value_of_time: must be at most 1e+06 USD per vehicle-hour (larger is absurd), got 1e+09"},
	"policies_file":                 {"policies_file.toml:2: policy: this is a policies file ([[policy]] tables), for sweep -policies FILE (docs/POLICIES.md), not a scenario ([[port]] tables)"},
	"budget_file":                   {"budget_file.toml:4: resource: this is a budget file ([[resource]] tables), for optimise -budget FILE (docs/OPTIMISE.md), not a scenario ([[port]] tables)"},
	"kg_cv_bad":                     {`kg_cv_bad.toml:24: load[0].kg.cv: expected a number, got the string "wide"`},
	"kg_limit_not_number":           {`kg_limit_not_number.toml:24: load[0].kg.limit: expected a number, got the string "2t"`},
	"class_entry_not_table":         {"class_entry_not_table.toml:5: class.truck: expected a table like [class.truck], got the integer 5"},
	"port_name_not_string":          {"port_name_not_string.toml:11: port[0].name: expected a string, got the integer 5"},
	"method_name_not_string":        {"method_name_not_string.toml:14: port[0].method[0].name: expected a string, got the integer 5"},
	"concealments_not_list":         {`concealments_not_list.toml:3: concealments: expected an array like ["hidden_compartment", "commingled"], got the string "commingled"`},
	"lane_not_table":                {"lane_not_table.toml:20: port[0].lane.truck: expected a table like [port.lane.truck], got the integer 5"},
	"preprimary_alarm_not_bool":     {`preprimary_alarm_not_bool.toml:24: port[0].lane.truck.secondary[1].only_on_alarm: expected true or false, got the string "yes"`},
	"lanes_not_table":               {"lanes_not_table.toml:12: port[0].lane: expected a table like [port.lane.truck], got the integer 5"},
	"port_name_control":             {`port_name_control.toml:11: port[0].name: "Eagle\tPass" contains a control character: use letters, digits, spaces and punctuation`},
	"method_name_bidi":              {`method_name_bidi.toml:14: port[0].method[0].name: "imag\u202eing" contains the invisible formatting character U+202E`},
	"state_control":                 {`state_control.toml:12: port[0].state: "Te\nxas" contains a control character`},
	"many_problems":                 {"many_problems.toml:2: seed: must not be negative", "many_problems.toml:3: horizon: a duration needs a unit", "many_problems.toml: ... and 3 more problems"},
}

// unwanted are messages that would only echo another problem.
var unwanted = map[string][]string{
	"wrong_type":      {"no booth is ever open"},
	"absurd_volume":   {"more loads a year"},
	"nan":             {"more loads a year"},
	"no_volume":       {"more loads a year"},
	"class_not_table": {"unknown class"},
	"negative_booths": {"no booth is ever open"},
	// A bad roster key was taken as 0 and reported again through it.
	"staffing_lanes_negative": {"more than the", "lanes built"},
	"staffing_not_table":      {"booths is required"},
	"staffing_no_officers":    {"booths:"},
	// A bad cv left limit unread, then "unknown"; a limit that is not a
	// number was judged again as a limit of 0.
	"kg_cv_bad":           {"limit: unknown key"},
	"kg_limit_not_number": {"a limit of 0"},
	// A definition that could not be read made every reference to it
	// "unknown" too.
	"class_entry_not_table":  {"unknown class"},
	"port_name_not_string":   {"unknown port"},
	"method_name_not_string": {"unknown method"},
	"concealments_not_list":  {"unknown concealment", "missing detect entry"},
	"lane_not_table":         {"has no truck lane"},
	"lanes_not_table":        {"has no truck lane"},
	// A name with a control character was taken, and printed raw into
	// messages, tables and CSV files.
	"port_name_control":         {"unknown port"},
	"method_name_bidi":          {"unknown method"},
	"preprimary_alarm_not_bool": {"an image alarm needs a confirming exam"},
	// servers = -1 was read as 0, a closure, whose time was refused.
	"checkpoint_servers_negative": {"closes the lanes"},
}

func TestBadScenarios(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*.toml")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".toml")
		seen[name] = true
		t.Run(name, func(t *testing.T) {
			want, ok := badCases[name]
			if !ok {
				t.Fatalf("%s has no expected message in badCases", path)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			s, err := Parse(filepath.Base(path), data)
			if err == nil {
				t.Fatalf("parsed without error: %+v", s)
			}
			msg := err.Error()
			for _, w := range want {
				if !strings.Contains(msg, w) {
					t.Errorf("message lacks %q; got:\n%s", w, msg)
				}
			}
			for _, u := range unwanted[name] {
				if strings.Contains(msg, u) {
					t.Errorf("message has the echo %q; got:\n%s", u, msg)
				}
			}
			if n := strings.Count(msg, "\n") + 1; n > maxShown+1 {
				t.Errorf("%d lines, want at most %d:\n%s", n, maxShown+1, msg)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not an *Error", err)
			}
			if e.File != filepath.Base(path) {
				t.Errorf("File = %q", e.File)
			}
			for _, line := range strings.Split(msg, "\n") {
				if !strings.HasPrefix(line, filepath.Base(path)+":") {
					t.Errorf("line %q does not start with the file name", line)
				}
			}
		})
	}
	for name := range badCases {
		if !seen[name] {
			t.Errorf("badCases names %s, which is not in testdata/bad", name)
		}
	}
}

// TestErrorFields checks the parts of one Error, not only its text.
func TestErrorFields(t *testing.T) {
	data, err := os.ReadFile("testdata/bad/misspelled.toml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Parse("misspelled.toml", data)
	var es Errors
	if !errors.As(err, &es) || len(es) != 2 {
		t.Fatalf("want 2 problems, got %v", err)
	}
	want := Error{File: "misspelled.toml", Line: 21, Key: "port[0].lane.truck.booth", Msg: "unknown key, did you mean booths?"}
	if *es[1] != want {
		t.Errorf("got %+v, want %+v", *es[1], want)
	}
}
