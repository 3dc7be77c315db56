package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"

	"komitee/committee"
)

// Topics and ideas, their comments and supports, and prioritisation rounds with dot votes.
//
// Counts are kept, not counted per request: topics.supports (supports), topics.comments,
// round_topics.dots and round_topics.voters (votes). The committee hooks (committee/topics.go)
// keep them in the writing transaction, whatever writes.
//
// A vote is one voter's dots on one topic of a round. In a round of organisations the voter is
// the organisation (cast by its representative or deputy), else the person. The hooks refuse a
// vote that would put more dots on the voter than the round gives, or more on one topic than it
// allows, or that comes outside the round's open time; PocketBase runs one write transaction at
// a time, so two representatives voting at once cannot both get through.
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		orgs, err := app.FindCollectionByNameOrId("organisations")
		if err != nil {
			return err
		}
		agenda, err := app.FindCollectionByNameOrId("agenda_items")
		if err != nil {
			return err
		}
		stamps := func() []core.Field {
			return []core.Field{&core.AutodateField{Name: "created", OnCreate: true},
				&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true}}
		}
		counter := func(name string) *core.NumberField {
			return &core.NumberField{Name: name, OnlyInt: true, Min: types.Pointer(0.0), Help: "kept by the committee hooks"}
		}

		topics := core.NewBaseCollection("topics")
		topics.Fields.Add(
			&core.TextField{Name: "title", Required: true, Max: 200, Presentable: true},
			&core.SelectField{Name: "kind", Required: true, MaxSelect: 1, Values: committee.TopicKinds},
			&core.TextField{Name: "description", Max: 20000, Help: "Markdown"},
			&core.SelectField{Name: "areas", MaxSelect: len(committee.Areas), Values: committee.Areas},
			// Not required: a deleted account leaves its topics, proposed by "a former member".
			&core.RelationField{Name: "proposed_by", CollectionId: users.Id, MaxSelect: 1},
			&core.RelationField{Name: "organisation", CollectionId: orgs.Id, MaxSelect: 1, Help: "proposed for this organisation; empty: personally"},
			&core.SelectField{Name: "visibility", Required: true, MaxSelect: 1, Values: committee.TopicVisibility},
			&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: committee.TopicStatuses},
			&core.TextField{Name: "decline_reason", Max: 2000},
			&core.RelationField{Name: "agenda_item", CollectionId: agenda.Id, MaxSelect: 1},
			counter("supports"), counter("comments"),
			&core.NumberField{Name: "latest_rank", OnlyInt: true, Min: types.Pointer(0.0), Help: "rank in the latest closed round it was in; 0: none"},
		)
		topics.Fields.Add(stamps()...)
		topics.AddIndex("idx_topics_created", false, "created", "")
		topics.AddIndex("idx_topics_supports", false, "supports, created", "")
		topics.AddIndex("idx_topics_status", false, "status", "")
		// The rule tests visibility: the list's count reads this small index, not the table.
		topics.AddIndex("idx_topics_visibility", false, "visibility", "")
		topics.AddIndex("idx_topics_rank", false, "latest_rank", "latest_rank > 0")
		topics.ListRule = types.Pointer(`visibility = "public" || ` + ruleMember)
		topics.ViewRule = topics.ListRule
		topics.CreateRule = types.Pointer(ruleAuthed + ` && ` + ruleMember + ` && proposed_by = @request.auth.id && ` +
			`status = "proposed" && visibility = "members" && supports = 0 && comments = 0 && latest_rank = 0 && agenda_item = "" && ` +
			`(organisation = "" || organisation.managers ~ @request.auth.id)`)
		// The proposer edits the text while the topic is proposed; status, visibility and the
		// counts are the workflows' (pages).
		topics.UpdateRule = types.Pointer(ruleAuthed + ` && (proposed_by = @request.auth.id && status = "proposed" || ` + ruleCoordinator + `) && ` +
			`@request.body.status:isset = false && @request.body.visibility:isset = false && @request.body.supports:isset = false && ` +
			`@request.body.comments:isset = false && @request.body.proposed_by:isset = false && @request.body.organisation:isset = false && ` +
			`@request.body.agenda_item:isset = false && @request.body.decline_reason:isset = false && @request.body.latest_rank:isset = false`)
		topics.DeleteRule = nil
		if err := app.Save(topics); err != nil {
			return err
		}

		comments := core.NewBaseCollection("comments")
		comments.Fields.Add(
			&core.RelationField{Name: "topic", Required: true, CollectionId: topics.Id, MaxSelect: 1, CascadeDelete: true},
			&core.RelationField{Name: "author", Required: true, CollectionId: users.Id, MaxSelect: 1, CascadeDelete: true},
			// Hiding moves the text into hidden_body (never sent out), and the reason stays in place.
			&core.TextField{Name: "body", Max: 5000},
			&core.BoolField{Name: "hidden"},
			&core.TextField{Name: "hidden_body", Max: 5000, Hidden: true},
			&core.TextField{Name: "hidden_reason", Max: 1000},
		)
		comments.Fields.Add(stamps()...)
		// parent refers to this collection: added after the first save.
		if err := app.Save(comments); err != nil {
			return err
		}
		comments.Fields.Add(&core.RelationField{Name: "parent", CollectionId: comments.Id, MaxSelect: 1, CascadeDelete: true})
		comments.AddIndex("idx_comments_topic", false, "topic, created", "")
		comments.ListRule = types.Pointer(`topic.visibility = "public" || ` + ruleMember)
		comments.ViewRule = comments.ListRule
		// Writing, editing (15 minutes), reporting and hiding are workflows (pages).
		comments.CreateRule, comments.UpdateRule, comments.DeleteRule = nil, nil, nil
		if err := app.Save(comments); err != nil {
			return err
		}

		reports := core.NewBaseCollection("comment_reports")
		reports.Fields.Add(
			&core.RelationField{Name: "comment", Required: true, CollectionId: comments.Id, MaxSelect: 1, CascadeDelete: true},
			&core.RelationField{Name: "reporter", Required: true, CollectionId: users.Id, MaxSelect: 1, CascadeDelete: true},
			&core.TextField{Name: "reason", Max: 1000},
		)
		reports.Fields.Add(stamps()...)
		reports.AddIndex("idx_comment_reports_once", true, "comment, reporter", "")
		reports.ListRule = types.Pointer(ruleAuthed + ` && (reporter = @request.auth.id || ` + ruleCoordinator + `)`)
		reports.ViewRule = reports.ListRule
		if err := app.Save(reports); err != nil {
			return err
		}

		supports := core.NewBaseCollection("supports")
		supports.Fields.Add(
			&core.RelationField{Name: "topic", Required: true, CollectionId: topics.Id, MaxSelect: 1, CascadeDelete: true},
			&core.RelationField{Name: "user", Required: true, CollectionId: users.Id, MaxSelect: 1, CascadeDelete: true},
		)
		supports.Fields.Add(stamps()...)
		supports.AddIndex("idx_supports_once", true, "topic, user", "")
		supports.ListRule = types.Pointer(ruleAuthed + ` && user = @request.auth.id`)
		supports.ViewRule = supports.ListRule
		supports.CreateRule = types.Pointer(ruleAuthed + ` && ` + ruleMember + ` && user = @request.auth.id && topic.status != "declined"`)
		supports.DeleteRule = types.Pointer(ruleAuthed + ` && user = @request.auth.id`)
		if err := app.Save(supports); err != nil {
			return err
		}

		rounds := core.NewBaseCollection("rounds")
		rounds.Fields.Add(
			&core.TextField{Name: "title", Required: true, Max: 200, Presentable: true},
			&core.DateField{Name: "opens", Required: true},
			&core.DateField{Name: "closes", Required: true},
			&core.NumberField{Name: "dots", Required: true, OnlyInt: true, Min: types.Pointer(1.0), Max: types.Pointer(100.0)},
			&core.NumberField{Name: "max_per_topic", Required: true, OnlyInt: true, Min: types.Pointer(1.0), Max: types.Pointer(100.0)},
			&core.SelectField{Name: "voters", Required: true, MaxSelect: 1, Values: committee.RoundVoters},
			&core.BoolField{Name: "hide_results", Help: "results only after the round closes"},
			&core.BoolField{Name: "closed", Help: "closed and ranked"},
			&core.RelationField{Name: "created_by", CollectionId: users.Id, MaxSelect: 1},
			counter("ballots"),
		)
		rounds.Fields.Add(stamps()...)
		rounds.AddIndex("idx_rounds_opens", false, "opens", "")
		rounds.ListRule = types.Pointer(ruleMember)
		rounds.ViewRule = rounds.ListRule
		if err := app.Save(rounds); err != nil {
			return err
		}

		roundTopics := core.NewBaseCollection("round_topics")
		roundTopics.Fields.Add(
			&core.RelationField{Name: "round", Required: true, CollectionId: rounds.Id, MaxSelect: 1, CascadeDelete: true},
			&core.RelationField{Name: "topic", Required: true, CollectionId: topics.Id, MaxSelect: 1, CascadeDelete: true},
			counter("dots"), counter("voters"),
			&core.NumberField{Name: "rank", OnlyInt: true, Min: types.Pointer(0.0), Help: "set when the round closes"},
		)
		roundTopics.Fields.Add(stamps()...)
		roundTopics.AddIndex("idx_round_topics_once", true, "round, topic", "")
		roundTopics.AddIndex("idx_round_topics_topic", false, "topic", "")
		// Totals are secret while a round with hidden results is open; the pages read them
		// through this rule (committee.RoundResults, TopicHistory).
		roundTopics.ListRule = types.Pointer(ruleMember + ` && (round.hide_results = false || round.closed = true || ` + ruleCoordinator + `)`)
		roundTopics.ViewRule = roundTopics.ListRule
		if err := app.Save(roundTopics); err != nil {
			return err
		}

		votes := core.NewBaseCollection("votes")
		votes.Fields.Add(
			&core.RelationField{Name: "round", Required: true, CollectionId: rounds.Id, MaxSelect: 1, CascadeDelete: true},
			&core.RelationField{Name: "topic", Required: true, CollectionId: topics.Id, MaxSelect: 1, CascadeDelete: true},
			// Who cast it; not required: the dots stay (an organisation's) when the account goes.
			&core.RelationField{Name: "user", CollectionId: users.Id, MaxSelect: 1},
			&core.RelationField{Name: "organisation", CollectionId: orgs.Id, MaxSelect: 1},
			// voter is who the dots count for: "org:<id>" or "user:<id>" (set by the hooks).
			&core.TextField{Name: "voter", Max: 40},
			&core.NumberField{Name: "dots", OnlyInt: true, Min: types.Pointer(0.0), Max: types.Pointer(100.0)},
		)
		votes.Fields.Add(stamps()...)
		votes.AddIndex("idx_votes_once", true, "round, topic, voter", "")
		votes.AddIndex("idx_votes_voter", false, "round, voter", "")
		// A voter sees their own dots (and their organisation's); coordinators all.
		votes.ListRule = types.Pointer(ruleAuthed + ` && (user = @request.auth.id || organisation.managers ~ @request.auth.id || ` + ruleCoordinator + `)`)
		votes.ViewRule = votes.ListRule
		castable := `round.closed = false && ` + ruleAuthed + ` && user = @request.auth.id && ` +
			`((round.voters = "persons" && organisation = "" && ` + ruleMember + `) || ` +
			`(round.voters = "organisations" && organisation.managers ~ @request.auth.id && ` +
			`(organisation.status = "member" || organisation.status = "partner")))`
		votes.CreateRule = types.Pointer(castable + ` && @request.body.voter:isset = false`)
		votes.UpdateRule = types.Pointer(castable + ` && @request.body.round:isset = false && @request.body.topic:isset = false && ` +
			`@request.body.organisation:isset = false && @request.body.voter:isset = false && @request.body.user:isset = false`)
		votes.DeleteRule = types.Pointer(castable)
		return app.Save(votes)
	}, func(app core.App) error {
		return deleteCollections(app, "votes", "round_topics", "rounds", "supports", "comment_reports", "comments", "topics")
	})
}
